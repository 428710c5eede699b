using System.Globalization;

namespace RelTool.Boot.Commands;

/// <summary>A command's own arguments: --timeout SECONDS, --detached, and the app's arguments after "--".</summary>
public sealed record CommandArgs(TimeSpan? Timeout, bool Detached, string[] AppArgs)
{
    public static CommandArgs Parse(string command, IReadOnlyList<string> args, bool allowTimeout = false, bool allowDetached = false, bool allowAppArgs = false)
    {
        TimeSpan? timeout = null;
        var detached = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--" when allowAppArgs:
                    return new(timeout, detached, args.Skip(i + 1).ToArray());
                case "--timeout" when allowTimeout:
                    if (i + 1 == args.Count || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                        throw new LauncherException(ExitCodes.Usage, $"{command}: --timeout needs a number of seconds");
                    timeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--detached" when allowDetached:
                    detached = true;
                    break;
                default:
                    throw new LauncherException(ExitCodes.Usage, $"{command}: unexpected argument '{args[i]}'; see help");
            }
        }
        return new(timeout, detached, []);
    }
}
