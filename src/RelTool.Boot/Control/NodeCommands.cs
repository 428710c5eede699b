namespace RelTool.Boot.Control;

/// <summary>
/// The commands every node answers on its control socket (Hosting/NodeControlCommands.cs and the node host add them),
/// named once for the node and the commands that ask it. The release handler's own (install, overlap, startup, rpc,
/// ...) are named beside their request and reply types.
/// </summary>
public static class NodeCommands
{
    /// <summary>Answers "pong".</summary>
    public const string Ping = "ping";
    /// <summary>Answers the node's process id.</summary>
    public const string Pid = "pid";
    /// <summary>"key value" lines (ReleaseHandler/RunningNode.cs).</summary>
    public const string Describe = "describe";
    /// <summary>Answers "stopping", then stops the node gracefully.</summary>
    public const string Stop = "stop";
    /// <summary>Succeeds once the app's host has started; until then an error of kind <see cref="StartingKind"/>.</summary>
    public const string Ready = "ready";
    public const string StartingKind = "starting";
}
