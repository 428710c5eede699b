namespace RelTool.Runtime;

/// <summary>
/// A server implementation as the runtime sees it, with its state type erased. Derive from
/// <see cref="Server{TState}"/>; this base exists so that code from another load context can be
/// swapped in behind a running <see cref="ServerRef"/>.
/// </summary>
public abstract class Server
{
    private protected Server()
    {
    }

    /// <summary>The running server this implementation serves; set before <c>Init</c> and before <c>CodeChange</c>.</summary>
    public ServerRef Self { get; internal set; } = null!;

    internal abstract object? InitState(object? args);

    internal abstract CallOutcome DispatchCall(object request, From from, object? state);

    internal abstract object? DispatchCast(object message, object? state);

    internal abstract object? DispatchInfo(object message, object? state);

    internal abstract void DispatchTerminate(ExitReason reason, object? state);

    internal abstract object? ExportStateUntyped(object? state);

    internal abstract object? ExportStateForDowngradeUntyped(object? state, OldVsn oldVsn, object? extra);

    internal abstract object? CodeChangeUntyped(object? exportedOldState, OldVsn oldVsn, object? extra);
}

internal readonly record struct CallOutcome(CallResultKind Kind, object? Reply, object? State, ExitReason? StopReason);
