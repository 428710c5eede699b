using System.Globalization;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;

namespace RelTool.Boot.Hosting;

/// <summary>The control commands every node serves: ping, pid, describe, stop.</summary>
public static class NodeControlCommands
{
    public static void AddTo(ControlCommandTable table, ReleaseContext release)
    {
        table.Add("ping", _ => new(ControlReply.Success("pong")));
        table.Add("pid", _ => new(ControlReply.Success(Environment.ProcessId.ToString(CultureInfo.InvariantCulture))));
        table.Add("describe", _ => new(ControlReply.Success(Describe(release.Root, release.Boot))));
        table.Add("stop", _ => new(ControlReply.Success("stopping"), ShutdownCoordinator.RequestStop));
    }

    /// <summary>"key value" lines; application lines repeat.</summary>
    public static List<string> Describe(ReleaseRoot root, RelTool.Formats.Manifests.BootFile boot)
    {
        var lines = new List<string>
        {
            $"name {boot.ReleaseName}",
            $"version {boot.ReleaseVersion}",
            $"runtime {Environment.Version}",
            $"root {root.Dir}",
            $"pid {Environment.ProcessId}",
            $"entry {boot.EntryApplication}",
        };
        lines.AddRange(boot.Applications.Select(a => $"application {a.Name} {a.Version} {a.Dir}"));
        return lines;
    }
}
