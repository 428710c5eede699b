using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// How <c>install</c> — and so <c>upgrade</c> and <c>downgrade</c> — moves the running node to another release. Decided
/// here, in the bin/&lt;name&gt; process, from the node's describe reply and the relup, before the node is asked to
/// change anything:
/// <list type="bullet">
/// <item><see cref="Live"/>: the node runs on RelTool.Runtime and the relup script (<see cref="RelupPlan"/>) does not
/// restart the runtime; the node runs the script itself (NodeSide/NodeReleaseHandler.cs).</item>
/// <item><see cref="Restart"/>: any other node (an app that does not use RelTool.Runtime, whose relup is not read), or a
/// script with restart_new_emulator/restart_emulator: a node of the new release replaces it, overlapped when the node
/// can hand its sockets over, else stop-then-start (<see cref="RestartInstall"/>).</item>
/// </list>
/// </summary>
public abstract record InstallMethod
{
    private InstallMethod() { }

    public sealed record Live(RelupPlan Plan) : InstallMethod;

    public sealed record Restart(string Why) : InstallMethod;

    /// <summary>The method for moving <paramref name="node"/> to <paramref name="version"/>; fails when a live install has no relup to run.</summary>
    public static InstallMethod Choose(ReleaseRoot root, RunningNode node, string version)
    {
        if (!node.HostsRuntime) return new Restart($"{node.Version} does not run on RelTool.Runtime");
        var plan = RelupPlan.Find(root, node.Version, version);
        return plan.NeedsRestart ? new Restart($"{plan.Source} restarts the runtime") : new Live(plan);
    }
}
