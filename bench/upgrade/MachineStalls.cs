using System.Diagnostics;
using System.Globalization;

namespace RelTool.Bench.Upgrade;

/// <summary>
/// The machine's own floor under the clients' gaps: one thread per core spins on the monotonic clock for a while and
/// records every time it did not run for more than 1 ms (another process, the kernel or the hypervisor had the core).
/// No node, no client, no command: what remains is what no service on this machine can avoid.
/// </summary>
internal static class MachineStalls
{
    private const double ReportOverMs = 2;

    public static int Run(double seconds)
    {
        var threads = Environment.ProcessorCount;
        var stalls = new List<double>[threads];
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            var mine = new List<double>();
            var last = Stopwatch.GetTimestamp();
            while (last < end)
            {
                var now = Stopwatch.GetTimestamp();
                var ms = (now - last) * 1000.0 / Stopwatch.Frequency;
                if (ms > 1) mine.Add(ms);
                last = now;
            }
            stalls[i] = mine;
        }) { IsBackground = true }).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var all = stalls.SelectMany(s => s).ToList();
        string F(double v) => v.ToString("0.0##", CultureInfo.InvariantCulture);
        Console.WriteLine($"machine_threads {threads}");
        Console.WriteLine($"machine_seconds {F(seconds)}");
        Console.WriteLine($"machine_stall_max_ms {F(all.Count == 0 ? 0 : all.Max())}");
        Console.WriteLine($"machine_stalls_over_2ms {all.Count(ms => ms > ReportOverMs)}");
        return 0;
    }
}
