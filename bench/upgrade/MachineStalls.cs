using System.Diagnostics;
using System.Globalization;

namespace RelTool.Bench.Upgrade;

/// <summary>
/// The machine's own floor under the clients' gaps: one thread per core spins on the monotonic clock for a while and
/// notes every time it did not run for more than 2 ms (another process, the kernel or the hypervisor had the core),
/// and the longest such time. No node, no client, no command: what remains is what no service on this machine can avoid.
/// </summary>
internal static class MachineStalls
{
    private const double ReportOverMs = 2;

    public static int Run(double seconds)
    {
        var threads = Environment.ProcessorCount;
        var longest = new double[threads];
        var overLimit = new int[threads];
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            var last = Stopwatch.GetTimestamp();
            while (last < end)
            {
                var now = Stopwatch.GetTimestamp();
                var ms = (now - last) * 1000.0 / Stopwatch.Frequency;
                if (ms > longest[i]) longest[i] = ms;
                if (ms > ReportOverMs) overLimit[i]++;
                last = now;
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        string F(double v) => v.ToString("0.0##", CultureInfo.InvariantCulture);
        Console.WriteLine($"machine_threads {threads}");
        Console.WriteLine($"machine_seconds {F(seconds)}");
        Console.WriteLine($"machine_stall_max_ms {F(longest.Max())}");
        Console.WriteLine($"machine_stalls_over_{ReportOverMs.ToString(CultureInfo.InvariantCulture)}ms {overLimit.Sum()}");
        return 0;
    }
}
