namespace RelTool.Formats;

/// <summary>
/// Test-only kill points: when RELTOOL_FAULT_AT names a step (optionally "STEP#N" for its N-th time), the process
/// kills itself (SIGKILL) on reaching it, as an operator's kill -9 or a power cut would. Tests use it to check what
/// each step leaves behind (docs/launcher.md, "What a kill leaves"). Unset, it costs one environment lookup.
/// </summary>
public static class FaultPoint
{
    public const string Variable = "RELTOOL_FAULT_AT";

    private static readonly string? Target = Environment.GetEnvironmentVariable(Variable);
    private static int hits;

    public static void Hit(string step)
    {
        if (Target is null) return;
        var hash = Target.IndexOf('#');
        var name = hash < 0 ? Target : Target[..hash];
        if (name != step) return;
        var nth = hash < 0 ? 1 : int.Parse(Target[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (Interlocked.Increment(ref hits) != nth) return;
        Console.Out.Flush();
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
