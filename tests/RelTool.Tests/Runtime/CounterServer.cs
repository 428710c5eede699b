using System.Collections.Concurrent;
using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

/// <summary>A test server whose state is a count; it logs its lifecycle to <see cref="Log"/>.</summary>
internal sealed class CounterServer(ConcurrentQueue<string>? log = null, string label = "counter") : Server<int>
{
    public ConcurrentQueue<string> Log { get; } = log ?? new();

    public override int Init(object? args)
    {
        Log.Enqueue($"init {label}");
        return args is int start ? start : 0;
    }

    public override CallResult<int> HandleCall(object request, From from, int state) => request switch
    {
        "get" => Reply(state, state),
        "inc" => Reply(state + 1, state + 1),
        "sleep" => SleepThenReply(state),
        "hold" => HoldThenReply(state),
        "stop" => CallResult<int>.Stop(ExitReason.Normal, "bye", state),
        "later" => ReplyFromElsewhere(from, state),
        "never" => NoReply(state),
        "crash" => throw new InvalidOperationException("boom"),
        _ => Reply($"unknown {request}", state),
    };

    public override int HandleCast(object message, int state) => message is "inc" ? state + 1 : state;

    public override int HandleInfo(object message, int state) => message is int add ? state + add : state;

    public override void Terminate(ExitReason reason, int state) => Log.Enqueue($"terminate {label} {reason.Kind}");

    private static CallResult<int> SleepThenReply(int state)
    {
        Thread.Sleep(300);
        return CallResult<int>.Reply("slept", state);
    }

    /// <summary>Set when a "hold" call starts; the call then waits for <see cref="Release"/> (no timing assumptions).</summary>
    public ManualResetEventSlim Holding { get; } = new();

    public ManualResetEventSlim Release { get; } = new();

    private CallResult<int> HoldThenReply(int state)
    {
        Holding.Set();
        Release.Wait(TimeSpan.FromSeconds(30));
        return CallResult<int>.Reply("held", state);
    }

    private static CallResult<int> ReplyFromElsewhere(From from, int state)
    {
        Task.Run(() => from.Reply("from elsewhere"));
        return CallResult<int>.NoReply(state);
    }
}
