using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace RelTool.Runtime;

/// <summary>
/// The worker behind a <see cref="ServerRef"/>: one mailbox, one consumer. Control requests run before the
/// next message; while suspended, messages are moved to a deferred queue in arrival order and handled first
/// on resume, so none is lost or reordered.
/// </summary>
/// <remarks>
/// The implementation and state are touched only in synchronous methods, never held in the async loop's
/// locals: the state machine of an async method would keep old code reachable after a code change.
/// </remarks>
internal sealed class ServerProcess
{
    private readonly Channel<Envelope> mailbox =
        Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentQueue<ControlRequest> control = new();
    private readonly Queue<Envelope> deferred = new();
    private readonly TaskCompletionSource<ExitReason> exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ServerRef self;
    private Server? implementation;
    private object? state;
    private bool suspended;
    private long suspendedAt;
    private ExitReason? stopReason;
    private volatile bool killed;
    private int finished;
    private Action? exiting;

    public ServerProcess(ServerRef self, Server implementation)
    {
        this.self = self;
        this.implementation = implementation;
    }

    public Task<ExitReason> Exit => exit.Task;

    /// <summary>Runs <paramref name="exiting"/> just before <see cref="Exit"/> completes, so that a restarted server can take the same name.</summary>
    public void OnExiting(Action exiting) => this.exiting = exiting;

    public Type? ImplementationType => Volatile.Read(ref implementation)?.GetType();

    public TimeSpan? LastPause { get; private set; }

    public bool IsSuspended => Volatile.Read(ref suspended);

    /// <summary>Runs <c>Init</c> on the caller's thread (like <c>gen_server:start_link</c>) and starts the worker.</summary>
    public void Start(object? args)
    {
        implementation!.Self = self;
        state = implementation.InitState(args);
        using (ExecutionContext.SuppressFlow())
        {
            // The worker must not inherit the starter's async-locals: they may hold objects of old code.
            Task.Run(RunAsync);
        }
    }

    public bool Post(Envelope envelope) => mailbox.Writer.TryWrite(envelope);

    public Task<object?> Control(Func<ServerProcess, object?> action)
    {
        var request = new ControlRequest(action);
        control.Enqueue(request);
        if (!mailbox.Writer.TryWrite(WakeEnvelope.Instance))
        {
            FailControlRequests(exit.Task.IsCompleted ? exit.Task.Result : null);
        }

        return request.Done;
    }

    /// <summary>Gives up on a worker stuck in a handler: callers are released, its later work is dropped.</summary>
    public void Kill()
    {
        killed = true;
        mailbox.Writer.TryComplete();
        Exited(ExitReason.Killed);
    }

    public void Suspend()
    {
        if (suspended)
        {
            return;
        }

        suspendedAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref suspended, true);
    }

    public TimeSpan? Resume()
    {
        if (!suspended)
        {
            return null;
        }

        LastPause = Stopwatch.GetElapsedTime(suspendedAt);
        Volatile.Write(ref suspended, false);
        return LastPause;
    }

    public void RequestStop(ExitReason reason) => stopReason ??= reason;

    public object? State => state;

    /// <summary>
    /// Swaps in <paramref name="next"/> and migrates the state through its <c>CodeChange</c>. On any failure the
    /// old implementation and state stay as they were and the error goes to the requester.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void ChangeCode(Server next, OldVsn oldVsn, object? extra)
    {
        if (!suspended)
        {
            throw new CodeChangeException($"{self} must be suspended before its code changes");
        }

        var current = implementation!;
        object? migrated;
        try
        {
            var exported = oldVsn.IsDowngrade
                ? current.ExportStateForDowngradeUntyped(state, oldVsn, extra)
                : current.ExportStateUntyped(state);
            next.Self = self;
            migrated = next.CodeChangeUntyped(exported, oldVsn, extra);
        }
        catch (Exception error)
        {
            throw new CodeChangeException(
                $"code change of {self} from {current.GetType().FullName} ({oldVsn}) to {next.GetType().FullName} failed: {error.Message}",
                error);
        }

        implementation = next;
        state = migrated;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            switch (Step())
            {
                case StepResult.Idle:
                    await mailbox.Reader.WaitToReadAsync().ConfigureAwait(false);
                    break;
                case StepResult.Stopped:
                    Finish(killed ? ExitReason.Killed : stopReason!);
                    return;
            }
        }
    }

    // Not inlined: once the loop is hot, OSR would compile Step and Dispatch into RunAsync, whose frame never
    // returns, and a stack slot there could keep an old implementation (and its code) alive after a code change.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StepResult Step()
    {
        if (killed)
        {
            return StepResult.Stopped;
        }

        while (control.TryDequeue(out var request))
        {
            request.Run(this);
        }

        if (stopReason is not null)
        {
            return StepResult.Stopped;
        }

        if (suspended || !deferred.TryDequeue(out var next))
        {
            if (!mailbox.Reader.TryRead(out next))
            {
                return StepResult.Idle;
            }

            if (next is WakeEnvelope)
            {
                return StepResult.Continue;
            }

            if (suspended)
            {
                deferred.Enqueue(next);
                return StepResult.Continue;
            }
        }

        Dispatch(next);
        return stopReason is null ? StepResult.Continue : StepResult.Stopped;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Dispatch(Envelope envelope)
    {
        try
        {
            switch (envelope)
            {
                case CallEnvelope call:
                    var outcome = implementation!.DispatchCall(call.Request, call.From, state);
                    state = outcome.State;
                    if (outcome.Kind != CallResultKind.NoReply)
                    {
                        call.From.Reply(outcome.Reply);
                    }

                    if (outcome.Kind == CallResultKind.Stop)
                    {
                        stopReason ??= outcome.StopReason ?? ExitReason.Normal;
                    }

                    break;
                case CastEnvelope cast:
                    state = implementation!.DispatchCast(cast.Message, state);
                    break;
                case InfoEnvelope info:
                    state = implementation!.DispatchInfo(info.Message, state);
                    break;
            }
        }
        catch (Exception error)
        {
            stopReason = ExitReason.Crash(error);
            if (envelope is CallEnvelope call)
            {
                call.From.Fail(new ServerExitedException(self.ToString(), stopReason));
            }
        }
    }

    private void Finish(ExitReason reason)
    {
        if (Interlocked.Exchange(ref finished, 1) == 1)
        {
            return;
        }

        if (!killed)
        {
            try
            {
                implementation?.DispatchTerminate(reason, state);
            }
            catch (Exception)
            {
                // Terminate is best effort, as in OTP: the exit reason stays the original one.
            }
        }

        mailbox.Writer.TryComplete();
        var exited = new ServerExitedException(self.ToString(), reason);
        while (deferred.TryDequeue(out var pending) || mailbox.Reader.TryRead(out pending))
        {
            (pending as CallEnvelope)?.From.Fail(exited);
        }

        FailControlRequests(reason);
        implementation = null;
        state = null;
        Exited(reason);
    }

    private void Exited(ExitReason reason)
    {
        if (exit.Task.IsCompleted)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref exiting, null)?.Invoke();
        }
        finally
        {
            exit.TrySetResult(reason);
        }
    }

    private void FailControlRequests(ExitReason? reason)
    {
        while (control.TryDequeue(out var request))
        {
            request.Fail(new ServerExitedException(self.ToString(), reason));
        }
    }

    private enum StepResult
    {
        Continue,
        Idle,
        Stopped,
    }
}
