using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>foreground [-- ARGS]: runs the node in this process (start runs it with --detached).</summary>
public static class ForegroundCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = CommandArgs.Parse(LauncherCommands.Foreground, args, allowDetached: true, allowAppArgs: true);
        if (!parsed.Detached) Hooks.Run(release, "pre_start");
        return NodeHost.Run(release, parsed.AppArgs, parsed.Detached);
    }
}
