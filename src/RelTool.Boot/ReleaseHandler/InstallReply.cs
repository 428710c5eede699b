using RelTool.Boot.Control;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// The node's answer to the control command <c>install VSN</c> (a live install), as a record the client switches on.
/// On the wire (control protocol v1) the status is the reply's shape: <c>ok</c> with the report lines, or
/// <c>error STATUS MESSAGE</c> with the statuses below.
/// </summary>
public abstract record InstallReply
{
    public const string Command = "install";

    /// <summary>Error kind: the relup restarts the runtime, which only an install by restart does.</summary>
    private const string NeedsRestartKind = "needs-restart";

    /// <summary>Error kind: failed after the point of no return; the node exits and the permanent release starts.</summary>
    private const string RestartingKind = "restarting";

    private InstallReply() { }

    /// <summary>The script ran (or the node already ran VSN): the report lines (installed, pause, steps, unloaded).</summary>
    public sealed record Installed(IReadOnlyList<string> Report) : InstallReply;

    /// <summary>The script restarts the runtime: nothing was changed; the client installs by restart.</summary>
    public sealed record NeedsRestart(string Why) : InstallReply;

    /// <summary>The install failed and changed nothing, or was undone: the node runs the release it ran.</summary>
    public sealed record Failed(string Kind, string Message) : InstallReply;

    /// <summary>The install failed after the point of no return: the node exits once it replied, and the permanent
    /// release (start_erl.data) starts in its place.</summary>
    public sealed record RestartingIntoPermanent(string Message) : InstallReply;

    /// <summary>Node side: the reply to send.</summary>
    public ControlReply ToControlReply() => this switch
    {
        Installed installed => ControlReply.Success(installed.Report),
        NeedsRestart restart => ControlReply.Error(NeedsRestartKind, OneLine(restart.Why)),
        RestartingIntoPermanent restarting => ControlReply.Error(RestartingKind, OneLine(restarting.Message)),
        Failed failed => ControlReply.Error(failed.Kind, OneLine(failed.Message)),
        _ => throw new InvalidOperationException($"unknown install reply {GetType().Name}"),
    };

    /// <summary>Client side: the reply received (timeouts, refusals and broken connections are <see cref="Failed"/>).</summary>
    public static InstallReply From(ControlReply reply) => reply switch
    {
        { Ok: true } => new Installed(reply.Lines),
        { ErrorKind: NeedsRestartKind } => new NeedsRestart(reply.Message),
        { ErrorKind: RestartingKind } => new RestartingIntoPermanent(reply.Message),
        _ => new Failed(reply.ErrorKind, reply.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
