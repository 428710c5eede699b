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
    private readonly Channel<Envelope> _mailbox =
        Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true });

    private readonly ConcurrentQueue<ControlRequest> _control = new();
    private readonly Queue<Envelope> _deferred = new();
    private readonly TaskCompletionSource<ExitReason> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ServerRef _self;
    private Server? _implementation;
    private object? _state;
    private bool _suspended;
    private long _suspendedAt;
    private ExitReason? _stopReason;
    private volatile bool _killed;
    private int _finished;
    private Action? _exiting;

    public ServerProcess(ServerRef self, Server implementation)
    {
        _self = self;
        _implementation = implementation;
    }

    public Task<ExitReason> Exit => _exit.Task;

    /// <summary>Runs <paramref name="exiting"/> just before <see cref="Exit"/> completes, so that a restarted server can take the same name.</summary>
    public void OnExiting(Action exiting) => _exiting = exiting;

    public Type? ImplementationType => Volatile.Read(ref _implementation)?.GetType();

    public TimeSpan? LastPause { get; private set; }

    public bool IsSuspended => Volatile.Read(ref _suspended);

    /// <summary>Runs <c>Init</c> on the caller's thread (like <c>gen_server:start_link</c>) and starts the worker.</summary>
    public void Start(object? args)
    {
        _implementation!.Self = _self;
        _state = _implementation.InitState(args);
        using (ExecutionContext.SuppressFlow())
        {
            // The worker must not inherit the starter's async-locals: they may hold objects of old code.
            Task.Run(RunAsync);
        }
    }

    public bool Post(Envelope envelope) => _mailbox.Writer.TryWrite(envelope);

    public Task<object?> Control(Func<ServerProcess, object?> action)
    {
        var request = new ControlRequest(action);
        _control.Enqueue(request);
        if (!_mailbox.Writer.TryWrite(WakeEnvelope.Instance))
        {
            FailControlRequests(_exit.Task.IsCompleted ? _exit.Task.Result : null);
        }

        return request.Done;
    }

    /// <summary>Gives up on a worker stuck in a handler: callers are released, its later work is dropped.</summary>
    public void Kill()
    {
        _killed = true;
        _mailbox.Writer.TryComplete();
        Exited(ExitReason.Killed);
    }

    public void Suspend()
    {
        if (_suspended)
        {
            return;
        }

        _suspendedAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref _suspended, true);
    }

    public TimeSpan? Resume()
    {
        if (!_suspended)
        {
            return null;
        }

        LastPause = Stopwatch.GetElapsedTime(_suspendedAt);
        Volatile.Write(ref _suspended, false);
        return LastPause;
    }

    public void RequestStop(ExitReason reason) => _stopReason ??= reason;

    public object? State => _state;

    /// <summary>
    /// Swaps in <paramref name="next"/> and migrates the state through its <c>CodeChange</c>. On any failure the
    /// old implementation and state stay as they were and the error goes to the requester.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void ChangeCode(Server next, OldVsn oldVsn, object? extra)
    {
        if (!_suspended)
        {
            throw new CodeChangeException($"{_self} must be suspended before its code changes");
        }

        var current = _implementation!;
        object? migrated;
        try
        {
            var exported = oldVsn.IsDowngrade
                ? current.ExportStateForDowngradeUntyped(_state, oldVsn, extra)
                : current.ExportStateUntyped(_state);
            next.Self = _self;
            migrated = next.CodeChangeUntyped(exported, oldVsn, extra);
        }
        catch (Exception error)
        {
            throw new CodeChangeException(
                $"code change of {_self} from {current.GetType().FullName} ({oldVsn}) to {next.GetType().FullName} failed: {error.Message}",
                error);
        }

        _implementation = next;
        _state = migrated;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            switch (Step())
            {
                case StepResult.Idle:
                    await _mailbox.Reader.WaitToReadAsync().ConfigureAwait(false);
                    break;
                case StepResult.Stopped:
                    Finish(_killed ? ExitReason.Killed : _stopReason!);
                    return;
            }
        }
    }

    // Not inlined: once the loop is hot, OSR would compile Step and Dispatch into RunAsync, whose frame never
    // returns, and a stack slot there could keep an old implementation (and its code) alive after a code change.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StepResult Step()
    {
        if (_killed)
        {
            return StepResult.Stopped;
        }

        while (_control.TryDequeue(out var request))
        {
            request.Run(this);
        }

        if (_stopReason is not null)
        {
            return StepResult.Stopped;
        }

        if (_suspended || !_deferred.TryDequeue(out var next))
        {
            if (!_mailbox.Reader.TryRead(out next))
            {
                return StepResult.Idle;
            }

            if (next is WakeEnvelope)
            {
                return StepResult.Continue;
            }

            if (_suspended)
            {
                _deferred.Enqueue(next);
                return StepResult.Continue;
            }
        }

        Dispatch(next);
        return _stopReason is null ? StepResult.Continue : StepResult.Stopped;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Dispatch(Envelope envelope)
    {
        try
        {
            switch (envelope)
            {
                case CallEnvelope call:
                    var outcome = _implementation!.DispatchCall(call.Request, call.From, _state);
                    _state = outcome.State;
                    if (outcome.Kind != CallResultKind.NoReply)
                    {
                        call.From.Reply(outcome.Reply);
                    }

                    if (outcome.Kind == CallResultKind.Stop)
                    {
                        _stopReason ??= outcome.StopReason ?? ExitReason.Normal;
                    }

                    break;
                case CastEnvelope cast:
                    _state = _implementation!.DispatchCast(cast.Message, _state);
                    break;
                case InfoEnvelope info:
                    _state = _implementation!.DispatchInfo(info.Message, _state);
                    break;
            }
        }
        catch (Exception error)
        {
            _stopReason = ExitReason.Crash(error);
            if (envelope is CallEnvelope call)
            {
                call.From.Fail(new ServerExitedException(_self.ToString(), _stopReason));
            }
        }
    }

    private void Finish(ExitReason reason)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 1)
        {
            return;
        }

        if (!_killed)
        {
            try
            {
                _implementation?.DispatchTerminate(reason, _state);
            }
            catch (Exception)
            {
                // Terminate is best effort, as in OTP: the exit reason stays the original one.
            }
        }

        _mailbox.Writer.TryComplete();
        var exited = new ServerExitedException(_self.ToString(), reason);
        while (_deferred.TryDequeue(out var pending) || _mailbox.Reader.TryRead(out pending))
        {
            (pending as CallEnvelope)?.From.Fail(exited);
        }

        FailControlRequests(reason);
        _implementation = null;
        _state = null;
        Exited(reason);
    }

    private void Exited(ExitReason reason)
    {
        if (_exit.Task.IsCompleted)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _exiting, null)?.Invoke();
        }
        finally
        {
            _exit.TrySetResult(reason);
        }
    }

    private void FailControlRequests(ExitReason? reason)
    {
        while (_control.TryDequeue(out var request))
        {
            request.Fail(new ServerExitedException(_self.ToString(), reason));
        }
    }

    private enum StepResult
    {
        Continue,
        Idle,
        Stopped,
    }
}
