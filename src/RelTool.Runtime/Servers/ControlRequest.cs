namespace RelTool.Runtime;

/// <summary>
/// A system request (suspend, resume, code change, stop, get state): run by the worker before the next
/// mailbox message, whether or not the server is suspended.
/// </summary>
internal sealed class ControlRequest(Func<ServerProcess, object?> action)
{
    private readonly TaskCompletionSource<object?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<ServerProcess, object?>? _action = action;

    public Task<object?> Done => _done.Task;

    public void Run(ServerProcess process)
    {
        var action = _action!;
        _action = null; // a code change request must not keep the new implementation alive after it ran
        try
        {
            _done.TrySetResult(action(process));
        }
        catch (Exception error)
        {
            _done.TrySetException(error);
        }
    }

    public void Fail(Exception error)
    {
        _action = null;
        _done.TrySetException(error);
    }
}
