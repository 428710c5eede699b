namespace RelTool.Boot.Native;

/// <summary>
/// Work on a thread of its own (a background one, so it never keeps the process alive), not on the thread pool: it
/// runs at once even when the pool is busy, and a thread can carry its own scheduling priority (<see cref="LowPriority"/>).
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="work"/> on a new thread named <paramref name="name"/>; the task ends with it (faulted with its exception).</summary>
    public static Task Start(string name, Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { Name = name, IsBackground = true }.Start();
        return done.Task;
    }
}
