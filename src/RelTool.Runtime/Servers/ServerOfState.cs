namespace RelTool.Runtime;

/// <summary>
/// A gen_server: one mailbox, one message at a time, state passed in and returned.
/// Messages and replies should be types both old and new code share (BCL types, records of the runtime)
/// so that they keep their meaning across a code change.
/// </summary>
public abstract class Server<TState> : Server
{
    public abstract TState Init(object? args);

    public virtual CallResult<TState> HandleCall(object request, From from, TState state) =>
        throw new NotSupportedException($"{GetType().FullName} does not handle calls ({request.GetType().FullName})");

    public virtual TState HandleCast(object message, TState state) => state;

    public virtual TState HandleInfo(object message, TState state) => state;

    public virtual void Terminate(ExitReason reason, TState state)
    {
    }

    /// <summary>
    /// What the next implementation's <c>CodeChange</c> receives. The default hands over the state itself when
    /// its type is shared by every load context, and otherwise a BCL-only copy (see <see cref="StateExport"/>),
    /// so that new code never holds objects of the old code.
    /// </summary>
    public virtual object? ExportState(TState state) => StateExport.Export(state);

    /// <summary>
    /// On a downgrade (<see cref="OldVsn.IsDowngrade"/>) this runs in the code being replaced, as OTP's
    /// <c>code_change({down, Vsn}, State, Extra)</c> runs in the newer module: it returns the state in the shape
    /// the older code expects, which then receives it in its <c>CodeChange</c>. The default exports the state as is.
    /// </summary>
    public virtual object? ExportStateForDowngrade(TState state, OldVsn oldVsn, object? extra) => ExportState(state);

    /// <summary>
    /// Migrates the state exported by the previous implementation. The default keeps a state whose type is
    /// unchanged (same full name and shape) and throws <see cref="CodeChangeException"/> otherwise.
    /// </summary>
    public virtual TState CodeChange(object? oldState, OldVsn oldVsn, object? extra) =>
        StateImport.Rebuild<TState>(oldState);

    protected static CallResult<TState> Reply(object? reply, TState state) => CallResult<TState>.Reply(reply, state);

    protected static CallResult<TState> NoReply(TState state) => CallResult<TState>.NoReply(state);

    internal sealed override object? InitState(object? args) => Init(args);

    internal sealed override CallOutcome DispatchCall(object request, From from, object? state)
    {
        var result = HandleCall(request, from, (TState)state!);
        return new CallOutcome(result.Kind, result.ReplyValue, result.State, result.StopReason);
    }

    internal sealed override object? DispatchCast(object message, object? state) => HandleCast(message, (TState)state!);

    internal sealed override object? DispatchInfo(object message, object? state) => HandleInfo(message, (TState)state!);

    internal sealed override void DispatchTerminate(ExitReason reason, object? state) => Terminate(reason, (TState)state!);

    internal sealed override object? ExportStateUntyped(object? state) => ExportState((TState)state!);

    internal sealed override object? ExportStateForDowngradeUntyped(object? state, OldVsn oldVsn, object? extra) =>
        ExportStateForDowngrade((TState)state!, oldVsn, extra);

    internal sealed override object? CodeChangeUntyped(object? exportedOldState, OldVsn oldVsn, object? extra) =>
        CodeChange(exportedOldState, oldVsn, extra);
}
