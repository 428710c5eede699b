namespace RelTool.Runtime;

/// <summary>
/// A system request (suspend, resume, code change, stop, get state): run by the worker before the next
/// mailbox message, whether or not the server is suspended.
/// </summary>
internal sealed class ControlRequest(Func<ServerProcess, object?> action)
{
    private readonly TaskCompletionSource<object?> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<ServerProcess, object?>? action = action;

    public Task<object?> Done => done.Task;

    public void Run(ServerProcess process)
    {
        var action = this.action!;
        this.action = null; // a code change request must not keep the new implementation alive after it ran
        try
        {
            done.TrySetResult(action(process));
        }
        catch (Exception error)
        {
            done.TrySetException(error);
        }
    }

    public void Fail(Exception error)
    {
        this.action = null;
        done.TrySetException(error);
    }
}
