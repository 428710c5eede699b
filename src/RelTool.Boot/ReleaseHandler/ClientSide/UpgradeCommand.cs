using RelTool.Boot.Layout;
using RelTool.Boot.Native;
using RelTool.Formats.Layout;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>upgrade VSN = unpack (unless unpacked) + install + make_permanent; downgrade VSN = install + make_permanent
/// of an installed older release (its relup's down script runs). The node is asked once, first; install and
/// make_permanent work from that answer.</summary>
public static class UpgradeCommand
{
    public static int Upgrade(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = VersionArgs.Parse(LauncherCommands.Upgrade, args, allowTimeout: true);
        var root = release.Root;
        var node = RunningNode.Require(root);
        // The unpack competes with the node for the CPU: below the node's priority (the install itself is the node's work).
        if (new ReleasesRegistry(root).Find(parsed.Version) is null)
            LowPriority.Run(() => UnpackCommand.Unpack(root, release.Name, parsed.Version, node.Version));
        return InstallPermanently(root, release.Name, node, parsed);
    }

    public static int Downgrade(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = VersionArgs.Parse(LauncherCommands.Downgrade, args, allowTimeout: true);
        new ReleasesRegistry(release.Root).Require(parsed.Version);
        return InstallPermanently(release.Root, release.Name, RunningNode.Require(release.Root), parsed);
    }

    /// <summary>Once the install succeeded the node runs VSN (a live install, or a new node that passed the health check).</summary>
    private static int InstallPermanently(ReleaseRoot root, string name, RunningNode node, VersionArgs parsed)
    {
        InstallCommand.Install(root, name, node, parsed.Version, parsed.Timeout);
        MakePermanentCommand.MakePermanent(root, name, parsed.Version);
        return ExitCodes.Ok;
    }
}
