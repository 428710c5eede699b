using RelTool.Boot;
using RelTool.Boot.Commands;
using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler;
using RelTool.Formats.Manifests;

// bin/<name> runs: dotnet <host.args...> --root ROOT COMMAND [ARGS]
try
{
    if (args.Length < 2 || args[0] != "--root")
        throw new LauncherException(ExitCodes.Usage, "usage: RelTool.Boot --root RELEASE_ROOT COMMAND [ARGS]");
    var root = new ReleaseRoot(args[1]);
    var command = args.Length > 2 ? args[2] : "help";
    var rest = args.Skip(3).ToList();
    if (command is "help" or "--help" or "-h")
        return HelpCommand.Run(TryName(root) ?? "<name>", Console.Out, TryCommands(root));

    var release = new ReleaseContext(root);
    if (command == LogWriter.Command)
        return LogWriter.Run(rest, LogWriter.RotationOf(release), Console.OpenStandardInput());
    return command switch
    {
        "foreground" => ForegroundCommand.Run(release, rest),
        "start" => StartCommand.Run(release, rest),
        "stop" => StopCommand.Run(release, rest),
        "restart" => RestartCommand.Run(release, rest),
        "pid" => PidCommand.Run(release, rest),
        "ping" => PingCommand.Run(release, rest),
        "versions" => VersionsCommand.Run(release, rest),
        "describe" => DescribeCommand.Run(release, rest),
        "unpack" => UnpackCommand.Run(release, rest),
        "install" => InstallCommand.Run(release, rest),
        "make_permanent" => MakePermanentCommand.Run(release, rest),
        "remove" => RemoveCommand.Run(release, rest),
        "upgrade" => UpgradeCommand.Upgrade(release, rest),
        "downgrade" => UpgradeCommand.Downgrade(release, rest),
        "systemd-unit" => SystemdUnitCommand.Run(release, rest),
        "eval" => EvalCommand.Run(release, rest),
        "rpc" => RpcCommand.Run(release, rest),
        _ => CustomCommand.TryRun(release, command, rest)
             ?? throw new LauncherException(ExitCodes.Usage, $"unknown command '{command}'; run help for the list"),
    };
}
catch (LauncherException e)
{
    Console.Error.WriteLine(e.Message);
    return e.ExitCode;
}

static IReadOnlyList<RelTool.Formats.Manifests.ReleaseCommand> TryCommands(ReleaseRoot root)
{
    try { return CustomCommand.Of(new ReleaseContext(root)); }
    catch (Exception e) when (e is LauncherException or FormatException or IOException) { return []; }
}

static string? TryName(ReleaseRoot root)
{
    try { return new ReleaseContext(root).Name; }
    catch (Exception e) when (e is LauncherException or FormatException or IOException) { return null; }
}
