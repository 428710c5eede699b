using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>pid: prints the running node's process id.</summary>
public static class PidCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        CommandArgs.Parse(LauncherCommands.Pid, args);
        Console.WriteLine(ControlClient.Require(release.Root, NodeCommands.Pid).Single());
        return ExitCodes.Ok;
    }
}
