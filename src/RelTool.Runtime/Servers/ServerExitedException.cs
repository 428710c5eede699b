namespace RelTool.Runtime;

/// <summary>The server was not running, or stopped before it answered (OTP's <c>noproc</c> / exit).</summary>
public sealed class ServerExitedException(string server, ExitReason? reason, Exception? inner = null)
    : Exception(reason is null ? $"{server} is not running" : $"{server} exited: {reason}", inner ?? reason?.Error)
{
    public string Server { get; } = server;
    public ExitReason? Reason { get; } = reason;
}
