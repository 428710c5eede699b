using RelTool.Boot;
using RelTool.Boot.Commands;
using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler.ClientSide;
using RelTool.Formats;
using RelTool.Formats.Manifests;

// bin/<name> runs: dotnet <host.args...> --root ROOT COMMAND [ARGS]
try
{
    ClientCommands.UseInvariantGlobalizationFor(args.Length > 2 ? args[2] : "help");
    if (args.Length < 2 || args[0] != "--root")
        throw new LauncherException(ExitCodes.Usage, "usage: RelTool.Boot --root RELEASE_ROOT COMMAND [ARGS]");
    var root = new ReleaseRoot(args[1]);
    var command = args.Length > 2 ? args[2] : "help";
    var rest = args.Skip(3).ToList();
    if (command is "help" or "--help" or "-h")
        return HelpCommand.Run(TryName(root) ?? "<name>", Console.Out, TryCommands(root));

    using var handlerLock = LockFor(root, command, rest);
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
// The launcher's one handler: its own failures (RelToolException: a LauncherException carries its exit code, the
// others, e.g. a damaged manifest, exit 1) and whatever else a user can cause (an unreadable file, a full disk, a
// read-only folder) are one line with one prefix, never a stack trace.
catch (Exception e) when (e is RelToolException or IOException or UnauthorizedAccessException or FormatException or ArgumentException)
{
    Console.Error.WriteLine($"{LauncherException.Prefix}{e.Message}");
    return e is LauncherException launcher ? launcher.ExitCode : ExitCodes.Failure;
}

static IReadOnlyList<RelTool.Formats.Manifests.ReleaseCommand> TryCommands(ReleaseRoot root)
{
    try { return CustomCommand.Of(new ReleaseContext(root)); }
    catch (Exception e) when (e is RelToolException or FormatException or IOException) { return []; }
}

static string? TryName(ReleaseRoot root)
{
    try { return new ReleaseContext(root).Name; }
    catch (Exception e) when (e is RelToolException or FormatException or IOException or UnauthorizedAccessException) { return null; }
}

// Release-handler commands fail at once when another holds the lock (an upgrade may take minutes: the operator should
// know); start and restart wait for it up to their timeout, so two starts give one node and one "already running".
// Whoever holds the lock first completes a change of RELEASES and start_erl.data that a killed command left recorded.
static IDisposable? LockFor(ReleaseRoot root, string command, IReadOnlyList<string> args)
{
    HandlerLock? taken;
    switch (command)
    {
        case "unpack" or "install" or "make_permanent" or "remove" or "upgrade" or "downgrade":
            taken = HandlerLock.Acquire(root, command, TimeSpan.Zero);
            break;
        case "start" or "restart":
            if (Environment.GetEnvironmentVariable(HandlerLock.HeldByParentVariable) is { Length: > 0 }) return null;
            var timeout = CommandArgs.Parse(command, args, allowTimeout: true, allowAppArgs: command == "start").Timeout ?? StartCommand.DefaultTimeout;
            taken = HandlerLock.Acquire(root, command, timeout);
            break;
        case "foreground":
            // A node never waits for the lock; it completes a recorded change only when nobody is changing the root
            // (and it boots regardless when it cannot: a read-only releases/ of a service is fine). With nothing
            // recorded it leaves the lock alone: taking it cost each start ~12 ms.
            if (!File.Exists(PendingReleaseState.PathIn(root.ReleasesDir))) return null;
            try
            {
                using var free = HandlerLock.TryAcquire(root, command);
                if (free is not null) CompletePending(root);
            }
            catch (Exception e) when (e is RelToolException or IOException or UnauthorizedAccessException) { }
            return null;
        default:
            return null;
    }
    try
    {
        CompletePending(root);
        return taken;
    }
    catch
    {
        taken.Dispose();
        throw;
    }
}

static void CompletePending(ReleaseRoot root)
{
    if (PendingReleaseState.Complete(root.ReleasesDir) is { } done) Console.Error.WriteLine($"[reltool] {done}");
}
