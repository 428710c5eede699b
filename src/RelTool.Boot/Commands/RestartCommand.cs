using RelTool.Boot.Layout;

namespace RelTool.Boot.Commands;

/// <summary>restart [--timeout S]: stop (when running), then start.</summary>
public static class RestartCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        CommandArgs.Parse("restart", args, allowTimeout: true);
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
