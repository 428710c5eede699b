using System.Globalization;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler;

namespace RelTool.Boot.Hosting;

/// <summary>The control commands every node serves: ping, pid, describe, stop.</summary>
public static class NodeControlCommands
{
    public static void AddTo(ControlCommandTable table, ReleaseContext release)
    {
        table.Add(NodeCommands.Ping, _ => new(ControlReply.Success("pong")));
        table.Add(NodeCommands.Pid, _ => new(ControlReply.Success(Environment.ProcessId.ToString(CultureInfo.InvariantCulture))));
        table.Add(NodeCommands.Describe, _ => new(ControlReply.Success(RunningNode.Describe(release.Root, release.Boot))));
        table.Add(NodeCommands.Stop, _ => new(ControlReply.Success("stopping"), ShutdownCoordinator.RequestStop));
    }
}
