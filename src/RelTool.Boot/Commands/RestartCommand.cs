using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler;
using RelTool.Boot.ReleaseHandler.ClientSide;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>restart [--timeout S]: an overlapped restart into the permanent release when the node can hand its sockets over; else stop (when running), then start.</summary>
public static class RestartCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = CommandArgs.Parse(LauncherCommands.Restart, args, allowTimeout: true);
        // A node serving through Kestrel or RelTool.Runtime's listeners is replaced the overlapped way (no closed port);
        // the hooks of stop and start do not run then. The node says when it cannot hand its sockets over.
        if (RunningNode.TryQueryQuietly(release.Root) is { } node
            && RestartInstall.TryOverlappedRestart(release.Root, release.Name, node, release.Version, parsed.Timeout))
            return ExitCodes.Ok;
        try
        {
            StopCommand.Run(release, args);
        }
        catch (LauncherException e) when (e.ExitCode is ExitCodes.NotRunning or ExitCodes.Killed)
        {
            if (e.ExitCode == ExitCodes.Killed) Console.Error.WriteLine(e.Message);
        }
        return StartCommand.Run(release, args);
    }
}
