using RelTool.Runtime.Supervision;

namespace RelTool.Runtime.Servers;

/// <summary>
/// A running server (OTP's pid): the only handle callers keep. It survives code changes; the implementation
/// behind it is swapped by <see cref="ChangeCodeAsync"/>.
/// </summary>
public sealed class ServerRef : IChildProcess
{
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(5);

    private static long s_nextId;
    private readonly ServerProcess _process;

    internal ServerRef(ServerRegistry registry, Server implementation, string? name)
    {
        Registry = registry;
        Name = name;
        Id = Interlocked.Increment(ref s_nextId);
        _process = new ServerProcess(this, implementation);
    }

    public long Id { get; }

    /// <summary>The registered name, if the server was started with one.</summary>
    public string? Name { get; }

    public ServerRegistry Registry { get; }

    /// <summary>The type of the current implementation; null once the server has exited.</summary>
    public Type? ImplementationType => _process.ImplementationType;

    public bool IsAlive => !_process.Exit.IsCompleted;

    public bool IsSuspended => _process.IsSuspended;

    /// <summary>How long the last suspend → resume lasted.</summary>
    public TimeSpan? LastPause => _process.LastPause;

    public Task<ExitReason> Completion => _process.Exit;

    internal void Start(object? args, Action exiting)
    {
        _process.OnExiting(exiting);
        _process.Start(args);
    }

    public async Task<object?> CallAsync(object request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var from = new From();
        if (!_process.Post(new CallEnvelope(request, from)))
        {
            throw new ServerExitedException(ToString(), _process.Exit.IsCompleted ? await _process.Exit : null);
        }

        try
        {
            return await from.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new CallTimeoutException(ToString(), timeout);
        }
    }

    public Task<object?> CallAsync(object request) => CallAsync(request, DefaultCallTimeout);

    public object? Call(object request, TimeSpan timeout) => CallAsync(request, timeout).GetAwaiter().GetResult();

    public object? Call(object request) => Call(request, DefaultCallTimeout);

    /// <summary>Fire and forget, handled by <c>HandleCast</c>; false when the server is not running.</summary>
    public bool Cast(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _process.Post(new CastEnvelope(message));
    }

    /// <summary>A plain message, handled by <c>HandleInfo</c>; false when the server is not running.</summary>
    public bool Send(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _process.Post(new InfoEnvelope(message));
    }

    /// <summary>Completes once the worker has finished its current message; later messages queue.</summary>
    public Task SuspendAsync() => _process.Control(static p =>
    {
        p.Suspend();
        return null;
    });

    /// <summary>Continues with the queued messages; returns how long the server was suspended.</summary>
    public async Task<TimeSpan> ResumeAsync() =>
        (TimeSpan?)await _process.Control(static p => p.Resume()).ConfigureAwait(false) ?? TimeSpan.Zero;

    /// <summary>
    /// Replaces the implementation of a suspended server with <paramref name="next"/>, migrating the state
    /// through <c>next.CodeChange(exportedState, oldVsn, extra)</c>. Throws <see cref="CodeChangeException"/>
    /// when it fails; the server then keeps its old code and state.
    /// </summary>
    public Task ChangeCodeAsync(Server next, OldVsn oldVsn, object? extra = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        return _process.Control(p =>
        {
            p.ChangeCode(next, oldVsn, extra);
            return null;
        });
    }

    /// <summary>The current state (OTP's <c>sys:get_state</c>), for diagnostics and tests.</summary>
    public Task<object?> GetStateAsync() => _process.Control(static p => p.State);

    /// <summary>Asks the server to stop after its current message; safe to call from its own handlers.</summary>
    public void RequestStop(ExitReason reason) =>
        _process.Control(p =>
        {
            p.RequestStop(reason);
            return null;
        }).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);

    /// <summary>Stops the server (its <c>Terminate</c> runs); after <paramref name="timeout"/> it is killed.</summary>
    public async Task StopAsync(ExitReason reason, TimeSpan timeout)
    {
        RequestStop(reason);
        try
        {
            await _process.Exit.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill();
        }
    }

    public override string ToString() => Name is null ? $"<server {Id}>" : $"<server {Id} '{Name}'>";
}
