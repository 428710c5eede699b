using RelTool.Boot.Control;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// install VSN [--timeout S]: release_handler:install_release against the running node, up or down (whichever relup
/// script leads there). A runtime-hosted node runs the script itself; other nodes, and scripts that restart the
/// runtime, are installed by restart (<see cref="RestartInstall"/>). Hooks pre_upgrade and post_upgrade of VSN run
/// around it. VSN is not made permanent: a node that restarts now boots the permanent release.
/// </summary>
public static class InstallCommand
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ComeBackTimeout = TimeSpan.FromSeconds(90);

    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = VersionArgs.Parse("install", args, allowTimeout: true);
        Install(release.Root, release.Name, parsed.Version, parsed.Timeout);
        return ExitCodes.Ok;
    }

    public static void Install(ReleaseRoot root, string name, string version, TimeSpan? timeout)
    {
        new ReleasesRegistry(root).Require(version);
        var node = RunningNode.Require(root);
        if (node.Version == version)
        {
            Console.WriteLine($"{name} already runs {version}");
            return;
        }
        UpgradeHooks.Run(root, name, "pre_upgrade", node.Version, version);
        if (!node.HostsRuntime || InstallLive(root, node, version)) RestartInstall.Run(root, node.Version, version, timeout);
        UpgradeHooks.Run(root, name, "post_upgrade", node.Version, version);
    }

    /// <summary>Runs the relup in the node; true when the script asks for a restart instead.</summary>
    private static bool InstallLive(ReleaseRoot root, RunningNode node, string version)
    {
        var socket = ControlEndpoint.Locate(root);
        var cookie = Cookie.TryRead(root);
        var reply = (socket is null || cookie is null ? null : ControlClient.TrySend(socket, cookie, "install", [version], ReplyTimeout))
            ?? throw new LauncherException(ExitCodes.NotRunning, "the node is not running");
        if (reply.Ok)
        {
            if (reply.Lines.FirstOrDefault() == NodeReleaseHandler.RestartReply) return true;
            foreach (var line in reply.Lines) Console.WriteLine(line);
            return false;
        }
        if (reply.Message.Contains("restarting into the permanent release", StringComparison.Ordinal))
        {
            var back = RunningNode.WaitFor(root, ComeBackTimeout, notPid: node.Pid);
            throw new LauncherException(ExitCodes.Failure, back is null
                ? $"{reply.Message}; the node did not come back within {ComeBackTimeout.TotalSeconds:0} s"
                : $"{reply.Message}; the node is back on {back.Version} (pid {back.Pid})");
        }
        throw new LauncherException(ExitCodes.Failure, $"install {version}: {reply.ErrorKind} {reply.Message}".TrimEnd());
    }
}
