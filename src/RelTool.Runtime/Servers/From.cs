namespace RelTool.Runtime;

/// <summary>The caller of a pending call; a server may keep it and reply later (OTP's <c>gen_server:reply/2</c>).</summary>
public sealed class From
{
    private readonly TaskCompletionSource<object?> reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Task<object?> Task => reply.Task;

    /// <summary>Answers the caller; later answers are ignored. Returns false when the caller was already answered.</summary>
    public bool Reply(object? value) => reply.TrySetResult(value);

    internal void Fail(Exception error) => reply.TrySetException(error);
}
