using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

/// <summary>Line handler, first version: state is the number of open connections.</summary>
internal sealed class EchoServerV1 : Server<int>
{
    public override int Init(object? args) => 0;

    public override CallResult<int> HandleCall(object request, From from, int state) => request switch
    {
        LineReceived { Line: "quit" } => Reply(new CloseConnection("bye"), state),
        LineReceived { Line: "count" } => Reply($"v1:{state}", state),
        LineReceived line => Reply($"v1:{line.Line}", state),
        _ => Reply(null, state),
    };

    public override int HandleInfo(object message, int state) => message switch
    {
        ConnectionOpened => state + 1,
        ConnectionClosed => state - 1,
        _ => state,
    };
}

/// <summary>Line handler, second version: answers in upper case; keeps the connection count across the change.</summary>
internal sealed class EchoServerV2 : Server<int>
{
    public override int Init(object? args) => 0;

    public override CallResult<int> HandleCall(object request, From from, int state) => request switch
    {
        LineReceived { Line: "count" } => Reply($"v2:{state}", state),
        LineReceived line => Reply($"v2:{line.Line.ToUpperInvariant()}", state),
        _ => Reply(null, state),
    };

    public override int HandleInfo(object message, int state) => message switch
    {
        ConnectionOpened => state + 1,
        ConnectionClosed => state - 1,
        _ => state,
    };
}
