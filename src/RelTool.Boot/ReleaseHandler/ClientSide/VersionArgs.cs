using RelTool.Boot.Commands;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>The arguments of the release handler's commands: VSN [--timeout S].</summary>
public sealed record VersionArgs(string Version, TimeSpan? Timeout)
{
    public static VersionArgs Parse(string command, IReadOnlyList<string> args, bool allowTimeout = false)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
            throw new LauncherException(ExitCodes.Usage, $"{command}: expected a release version: {command} VSN");
        var rest = CommandArgs.Parse(command, args.Skip(1).ToList(), allowTimeout: allowTimeout);
        return new VersionArgs(args[0], rest.Timeout);
    }
}
