namespace RelTool.Boot.Native;

/// <summary>
/// Runs CPU-heavy upgrade work on a thread of lower scheduling priority, so that on a small host the running node's
/// request threads win the cores while it works: the client's unpack (decompression, hashing, file writes) and, in the
/// node, the new code's load and compilation before the suspend. A thread, not the process: an unprivileged process
/// cannot raise its priority again, a node must keep serving at its own, and the processes a command starts later
/// (hooks, the new node of an install by restart) must not inherit the lower one.
/// </summary>
internal static class LowPriority
{
    private const int PrioProcess = 0;
    private const int Niceness = 10;

    /// <summary>
    /// Runs <paramref name="work"/> on a low-priority thread and waits for it; its exception is rethrown here. True when
    /// the thread's priority was lowered (false elsewhere than Linux, or when refused: the work then ran at the caller's).
    /// </summary>
    public static bool Run(Action work)
    {
        var lowered = false;
        DedicatedThread.Start("low-priority work", () =>
        {
            lowered = Lower();
            work();
        }).GetAwaiter().GetResult();
        return lowered;
    }

    // On Linux a nice value belongs to a thread (setpriority on its tid). Elsewhere, or when refused, it stays as it is.
    private static bool Lower()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return Libc.setpriority(PrioProcess, Libc.gettid(), Niceness) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
