namespace RelTool.Boot.Native;

/// <summary>
/// Runs CPU-heavy client work (an upgrade's unpack: decompression, hashing, file writes) on a thread of lower
/// scheduling priority, so that on a small host the running node's request threads win the cores while it works.
/// A thread, not the process: an unprivileged process cannot raise its priority again, and the processes this one
/// starts later (hooks, the new node of an install by restart) must not inherit the lower one.
/// </summary>
internal static class LowPriority
{
    private const int PrioProcess = 0;
    private const int Niceness = 10;

    /// <summary>Runs <paramref name="work"/> on a low-priority thread and waits for it; its exception is rethrown here.</summary>
    public static void Run(Action work) => Start(work).GetAwaiter().GetResult();

    /// <summary>Starts <paramref name="work"/> on a low-priority thread; the task ends with it.</summary>
    public static Task Start(Action work) => DedicatedThread.Start("low-priority work", () =>
    {
        Lower();
        work();
    });

    // On Linux a nice value belongs to a thread (setpriority on its tid). Elsewhere, or when refused, it stays as it is.
    private static void Lower()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            Libc.setpriority(PrioProcess, Libc.gettid(), Niceness);
        }
        catch (EntryPointNotFoundException)
        {
        }
    }
}
