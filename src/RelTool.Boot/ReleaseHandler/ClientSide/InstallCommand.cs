using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// install VSN [--timeout S]: release_handler:install_release against the running node, up or down (whichever relup
/// script leads there). <see cref="InstallMethod"/> decides how: live (the node runs the script) or by restart
/// (<see cref="RestartInstall"/>). Hooks pre_upgrade and post_upgrade of VSN run around it. VSN is not made
/// permanent: a node that restarts now boots the permanent release.
/// </summary>
public static class InstallCommand
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ComeBackTimeout = TimeSpan.FromSeconds(90);

    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = VersionArgs.Parse(LauncherCommands.Install, args, allowTimeout: true);
        new ReleasesRegistry(release.Root).Require(parsed.Version);
        Install(release.Root, release.Name, RunningNode.Require(release.Root), parsed.Version, parsed.Timeout);
        return ExitCodes.Ok;
    }

    /// <summary>Moves <paramref name="node"/> (as the command found it; it is not asked again) to the unpacked <paramref name="version"/>.</summary>
    public static void Install(ReleaseRoot root, string name, RunningNode node, string version, TimeSpan? timeout)
    {
        if (node.Version == version)
        {
            Console.WriteLine($"{name} already runs {version}");
            return;
        }
        var method = InstallMethod.Choose(root, node, version);
        UpgradeHooks.Run(root, name, "pre_upgrade", node.Version, version);
        switch (method)
        {
            case InstallMethod.Live:
                InstallLive(root, name, node, version, timeout);
                break;
            case InstallMethod.Restart:
                RestartInstall.Run(root, name, node, version, timeout);
                break;
        }
        UpgradeHooks.Run(root, name, "post_upgrade", node.Version, version);
    }

    /// <summary>Asks the node to run the relup script.</summary>
    private static void InstallLive(ReleaseRoot root, string name, RunningNode node, string version, TimeSpan? timeout)
    {
        var socket = ControlEndpoint.Locate(root);
        var cookie = Cookie.TryRead(root);
        var reply = (socket is null || cookie is null ? null : ControlClient.TrySend(socket, cookie, InstallReply.Command, [version], ReplyTimeout))
            ?? throw new LauncherException(ExitCodes.NotRunning, "the node is not running");
        switch (InstallReply.From(reply))
        {
            case InstallReply.Installed installed:
                foreach (var line in installed.Report) Console.WriteLine(line);
                break;
            case InstallReply.NeedsRestart:
                // The relup changed since it was read here: the node's answer wins.
                RestartInstall.Run(root, name, node, version, timeout);
                break;
            case InstallReply.RestartingIntoPermanent restarting:
                var back = RunningNode.WaitFor(root, ComeBackTimeout, notPid: node.Pid);
                throw new LauncherException(ExitCodes.Failure, back is null
                    ? $"{restarting.Message}; the node did not come back within {ComeBackTimeout.TotalSeconds:0} s"
                    : $"{restarting.Message}; the node is back on {back.Version} (pid {back.Pid})");
            case InstallReply.Failed failed:
                throw new LauncherException(ExitCodes.Failure, $"install {version}: {failed.Kind} {failed.Message}".TrimEnd());
        }
    }
}
