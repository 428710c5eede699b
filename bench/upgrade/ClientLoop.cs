using System.Diagnostics;
using System.Net.Sockets;
using RelTool.IntegrationTests.Upgrade;

namespace RelTool.Bench.Upgrade;

/// <summary>PUT/GET of 200 rotating keys of its own, one request at a time, on a background thread. A refused or broken
/// connection is retried (same request, every 2 ms) until answered, as a client of a service that restarts would do.
/// Records when each request was answered and how long it took, so that the longest gap in a window is the outage a
/// client saw and the latencies in it are what the client felt.</summary>
internal sealed class ClientLoop : IDisposable
{
    private readonly int port;
    private readonly int id;
    private readonly Thread thread;
    private readonly CancellationTokenSource stop = new();
    private readonly List<long> answeredAt = new(1 << 20);
    private readonly List<long> took = new(1 << 20);
    private readonly TimeSpan pause;
    private long wrong;

    /// <param name="pause">Between an answer and the next request (default none: back to back, which on 2 cores
    /// saturates the machine, so that the scheduler alone makes gaps of tens of ms).</param>
    public ClientLoop(int port, int id = 0, TimeSpan pause = default)
    {
        this.port = port;
        this.id = id;
        this.pause = pause;
        thread = new Thread(Loop) { IsBackground = true, Name = $"client loop {id}" };
        thread.Start();
    }

    public long Answered { get { lock (answeredAt) return answeredAt.Count; } }
    public long Wrong => Interlocked.Read(ref wrong);
    public int Reconnects { get; private set; }

    public void WaitForMore(long count, TimeSpan timeout)
    {
        var target = Answered + count;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Answered < target)
        {
            if (Stopwatch.GetTimestamp() > deadline || !thread.IsAlive) throw new TimeoutException($"client loop: {Answered} of {target} answered");
            Thread.Sleep(5);
        }
    }

    /// <summary>The longest time between two consecutive answers within [from, to] (timestamps), in ms, counting
    /// from the last answer before <paramref name="from"/> to the first after <paramref name="to"/>.</summary>
    public double LongestGapMs(long from, long to) => LongestGap(from, to).Ms;

    /// <summary><see cref="LongestGapMs"/>, with the timestamps of the answers before and after the gap.</summary>
    public (double Ms, long Start, long End) LongestGap(long from, long to)
    {
        long[] times;
        lock (answeredAt) times = [.. answeredAt];
        var first = Math.Max(0, Array.FindLastIndex(times, t => t < from));
        var last = Array.FindIndex(times, t => t > to);
        if (last < 0) last = times.Length - 1;
        (long Length, long Start, long End) longest = (0, from, from);
        for (var i = first + 1; i <= last; i++)
            if (times[i] - times[i - 1] > longest.Length) longest = (times[i] - times[i - 1], times[i - 1], times[i]);
        return (longest.Length * 1000.0 / Stopwatch.Frequency, longest.Start, longest.End);
    }

    /// <summary>The latencies (request sent → answer, retries included) of the requests answered within [from, to], in ms.</summary>
    public IEnumerable<double> LatenciesMs(long from, long to)
    {
        lock (answeredAt)
            for (var i = 0; i < answeredAt.Count; i++)
                if (answeredAt[i] >= from && answeredAt[i] <= to) yield return took[i] * 1000.0 / Stopwatch.Frequency;
    }

    private void Loop()
    {
        LineClient? client = null;
        try
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"loop{id}-{i / 2 % 200}";
                var value = $"v{i / 2}";
                var (request, expected) = i % 2 == 0 ? ($"PUT {key} {value}", "OK") : ($"GET {key}", value);
                var sent = Stopwatch.GetTimestamp();
                while (true)
                {
                    try
                    {
                        client ??= new LineClient(port);
                        var reply = client.Call(request);
                        var at = Stopwatch.GetTimestamp();
                        if (reply != expected) Interlocked.Increment(ref wrong);
                        lock (answeredAt)
                        {
                            answeredAt.Add(at);
                            took.Add(at - sent);
                        }
                        if (pause > TimeSpan.Zero) stop.Token.WaitHandle.WaitOne(pause);
                        break;
                    }
                    catch (Exception e) when (e is IOException or SocketException)
                    {
                        client?.Dispose();
                        client = null;
                        Reconnects++;
                        if (stop.IsCancellationRequested) return;
                        Thread.Sleep(2);
                    }
                }
            }
        }
        finally
        {
            client?.Dispose();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join(TimeSpan.FromSeconds(10));
    }
}
