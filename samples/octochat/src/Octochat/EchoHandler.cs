using RelTool.Runtime;

namespace Octochat;

/// <summary>Answers each line with the line itself. Its state is the number of lines echoed so far.</summary>
public sealed class EchoHandler : Server<long>
{
    public const string Name = "octochat_echo";

    public override long Init(object? args) => 0;

    public override CallResult<long> HandleCall(object request, From from, long echoed) =>
        request is LineReceived line ? Reply(Echo(line.Line.TrimEnd('\r')), echoed + 1) : Reply("error: unexpected request", echoed);

    /// <summary>Connections opening and closing (<see cref="ConnectionOpened"/>, <see cref="ConnectionClosed"/>) need no answer.</summary>
    public override long HandleInfo(object message, long echoed) => echoed;

    private static string Echo(string line) => line;
}
