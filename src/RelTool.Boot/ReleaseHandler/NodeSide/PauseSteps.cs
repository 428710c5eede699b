using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// How long each relup step took while servers were suspended, and the garbage collections in that time: where an
/// install's pause went.
/// </summary>
internal sealed class PauseSteps
{
    // Entries of a reference type: a list of them runs the runtime's precompiled shared code. A list of value tuples
    // (string, TimeSpan) had code of its own, which the runtime compiled at the first install's first step, inside the
    // pause (~0.4 ms).
    private readonly List<Step> steps = [];
    private GcTally atSuspend = GcTally.Now();
    private long suspendedAt = Stopwatch.GetTimestamp();
    private long jitAtSuspend;
    private long? jitInPause;

    /// <summary>Called as the first server is suspended: the collections counted in the line are those from here on.</summary>
    public void Begin()
    {
        atSuspend = GcTally.Now();
        suspendedAt = Stopwatch.GetTimestamp();
        jitInPause = null;
        jitAtSuspend = JitInfo.GetCompiledMethodCount(currentThread: true);
    }

    /// <summary>
    /// Called on the thread that ran every step of the pause (a held server's worker), after the last: the line then
    /// says how many methods the runtime compiled on it in the pause, each a wait of the clients that the warm-up missed.
    /// </summary>
    public void EndOnThisThread() => jitInPause = JitInfo.GetCompiledMethodCount(currentThread: true) - jitAtSuspend;

    public void Add(string step, long startedAt) => Add(step, Stopwatch.GetElapsedTime(startedAt));

    public void Add(string step, TimeSpan took) => steps.Add(new Step(step, took));

    /// <summary>
    /// The report line (<c>steps: suspend 0.2 ms, load 0.1 ms, ...; gc 0[; jit N]; clock T1 T2</c>); empties the list. T1 and T2
    /// are <see cref="Stopwatch"/> timestamps (the monotonic clock, shared by the processes of a host) as the first
    /// server was suspended and after the last resume: a client on the same host can place its own timings around them.
    /// </summary>
    /// <param name="resumedAt">When the last server resumed, if not now (a server its worker held resumes on that thread).</param>
    public string Flush(long? resumedAt = null)
    {
        resumedAt ??= Stopwatch.GetTimestamp();
        var line = "steps: " + string.Join(", ", steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {s.Took.TotalMilliseconds:0.000} ms")))
            + "; " + GcTally.Now().Since(atSuspend)
            + (jitInPause is { } jit ? string.Create(CultureInfo.InvariantCulture, $"; jit {jit}") : "")
            + string.Create(CultureInfo.InvariantCulture, $"; clock {suspendedAt} {resumedAt}");
        steps.Clear();
        return line;
    }

    private sealed record Step(string Name, TimeSpan Took);
}

/// <summary>Garbage collections so far (per generation) and the time the runtime paused threads for them.</summary>
internal readonly record struct GcTally(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcTally Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary><c>gc N</c>, or <c>gc N (gen0 a, gen1 b, gen2 c) X ms paused</c>: the collections between two tallies.</summary>
    public string Since(GcTally earlier)
    {
        // CollectionCount(n) counts every collection of generation n or older: the older ones are subtracted out.
        var gen2 = Gen2 - earlier.Gen2;
        var gen1 = Gen1 - earlier.Gen1 - gen2;
        var gen0 = Gen0 - earlier.Gen0 - gen1 - gen2;
        var total = gen0 + gen1 + gen2;
        return total == 0 ? "gc 0" : string.Create(CultureInfo.InvariantCulture,
            $"gc {total} (gen0 {gen0}, gen1 {gen1}, gen2 {gen2}) {(Paused - earlier.Paused).TotalMilliseconds:0.000} ms paused");
    }
}
