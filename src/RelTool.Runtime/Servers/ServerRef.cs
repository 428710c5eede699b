namespace RelTool.Runtime;

/// <summary>
/// A running server (OTP's pid): the only handle callers keep. It survives code changes; the launcher swaps the
/// implementation behind it (see <see cref="Hosting.NodeHosting"/>).
/// </summary>
public sealed class ServerRef : IChildProcess
{
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(5);

    private static long nextId;
    private readonly ServerProcess process;

    internal ServerRef(ServerRegistry registry, Server implementation, string? name)
    {
        Registry = registry;
        Name = name;
        Id = Interlocked.Increment(ref nextId);
        process = new ServerProcess(this, implementation);
    }

    public long Id { get; }

    /// <summary>The registered name, if the server was started with one.</summary>
    public string? Name { get; }

    public ServerRegistry Registry { get; }

    /// <summary>The type of the current implementation; null once the server has exited.</summary>
    internal Type? ImplementationType => process.ImplementationType;

    public bool IsAlive => !process.Exit.IsCompleted;

    internal bool IsSuspended => process.IsSuspended;

    /// <summary>How long the last suspend → resume lasted.</summary>
    internal TimeSpan? LastPause => process.LastPause;

    public Task<ExitReason> Completion => process.Exit;

    internal void Start(object? args, Action exiting)
    {
        process.OnExiting(exiting);
        process.Start(args);
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <c>HandleCall</c> and waits for the reply (OTP's <c>gen_server:call</c>).
    /// Throws <see cref="CallTimeoutException"/> after <paramref name="timeout"/> (default
    /// <see cref="DefaultCallTimeout"/>), <see cref="ServerExitedException"/> when the server is not running or stops
    /// first, and <see cref="InvalidCastException"/> when the reply is not a <typeparamref name="TReply"/>.
    /// </summary>
    public async Task<TReply> CallAsync<TReply>(object request, TimeSpan? timeout = null) =>
        CastReply<TReply>(await CallUntypedAsync(request, timeout ?? DefaultCallTimeout).ConfigureAwait(false));

    /// <summary>The blocking form of <see cref="CallAsync{TReply}"/>.</summary>
    public TReply Call<TReply>(object request, TimeSpan? timeout = null) =>
        CallAsync<TReply>(request, timeout).GetAwaiter().GetResult();

    private async Task<object?> CallUntypedAsync(object request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var from = new From();
        if (!process.Post(new CallEnvelope(request, from)))
        {
            throw new ServerExitedException(ToString(), process.Exit.IsCompleted ? await process.Exit : null);
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

    private TReply CastReply<TReply>(object? reply) => reply switch
    {
        TReply typed => typed,
        null when default(TReply) is null => default!,
        _ => throw new InvalidCastException(
            $"{this} replied {reply?.GetType().FullName ?? "null"}, not {typeof(TReply).FullName}: call it with the type its HandleCall replies"),
    };

    /// <summary>Fire and forget, handled by <c>HandleCast</c>; false when the server is not running.</summary>
    public bool Cast(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return process.Post(new CastEnvelope(message));
    }

    /// <summary>A plain message, handled by <c>HandleInfo</c>; false when the server is not running.</summary>
    public bool Send(object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return process.Post(new InfoEnvelope(message));
    }

    internal Task SuspendAsync() => process.Control(static p =>
    {
        p.Suspend();
        return null;
    });

    internal async Task<TimeSpan> ResumeAsync() =>
        (TimeSpan?)await process.Control(static p => p.Resume()).ConfigureAwait(false) ?? TimeSpan.Zero;

    internal Task ChangeCodeAsync(Server next, OldVsn oldVsn, object? extra = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        return process.Control(p =>
        {
            p.ChangeCode(next, oldVsn, extra);
            return null;
        });
    }

    /// <summary>
    /// Suspends the server, runs <paramref name="steps"/> on its worker and resumes it, all in one control request: the
    /// pause holds no hand-off between threads. The result is the pause; what the steps throw comes back after the resume.
    /// </summary>
    internal async Task<TimeSpan> RunSuspendedAsync(Action<ServerProcess> steps) =>
        (TimeSpan?)await process.Control(p =>
        {
            if (p.IsSuspended) throw new InvalidOperationException($"{this} is suspended already");
            p.Suspend();
            try
            {
                steps(p);
            }
            finally
            {
                p.Resume();
            }

            return p.LastPause;
        }).ConfigureAwait(false) ?? TimeSpan.Zero;

    /// <summary>The current state (OTP's <c>sys:get_state</c>), for diagnostics and tests.</summary>
    public Task<object?> GetStateAsync() => process.Control(static p => p.State);

    /// <summary>Asks the server to stop after its current message; safe to call from its own handlers.</summary>
    public void RequestStop(ExitReason reason) =>
        process.Control(p =>
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
            await process.Exit.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.Kill();
        }
    }

    public override string ToString() => Name is null ? $"<server {Id}>" : $"<server {Id} '{Name}'>";
}
