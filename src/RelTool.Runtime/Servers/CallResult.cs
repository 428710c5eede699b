namespace RelTool.Runtime;

/// <summary>What <c>HandleCall</c> returns: reply now, reply later through <see cref="From"/>, or stop.</summary>
public readonly struct CallResult<TState>
{
    private CallResult(CallResultKind kind, object? reply, TState state, ExitReason? stopReason)
    {
        Kind = kind;
        ReplyValue = reply;
        State = state;
        StopReason = stopReason;
    }

    internal CallResultKind Kind { get; }
    internal object? ReplyValue { get; }
    internal TState State { get; }
    internal ExitReason? StopReason { get; }

    public static CallResult<TState> Reply(object? reply, TState state) => new(CallResultKind.Reply, reply, state, null);

    /// <summary>The caller keeps waiting until someone calls <see cref="From.Reply"/>.</summary>
    public static CallResult<TState> NoReply(TState state) => new(CallResultKind.NoReply, null, state, null);

    public static CallResult<TState> Stop(ExitReason reason, object? reply, TState state) =>
        new(CallResultKind.Stop, reply, state, reason);
}

internal enum CallResultKind
{
    Reply,
    NoReply,
    Stop,
}
