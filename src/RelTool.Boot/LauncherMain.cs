using RelTool.Boot.Commands;
using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler.ClientSide;
using RelTool.Formats;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using System.Runtime.CompilerServices;

namespace RelTool.Boot;

/// <summary>
/// The launcher's entry: the managed build (Program, run by dotnet with host.args) and the native client
/// (src/RelTool.Boot.Client, compiled ahead of time, run for the commands that run no app code) both start here.
/// bin/&lt;name&gt; runs: dotnet &lt;host.args...&gt; --root ROOT COMMAND [ARGS], or &lt;client.args&gt; --root ROOT COMMAND [ARGS].
/// </summary>
public static class LauncherMain
{
    public static int Run(string[] args)
    {
        try
        {
            ClientCommands.UseInvariantGlobalizationFor(args.Length > 2 ? args[2] : LauncherCommands.Help);
            if (args.Length < 2 || args[0] != "--root")
                throw new LauncherException(ExitCodes.Usage, "usage: RelTool.Boot --root RELEASE_ROOT COMMAND [ARGS]");
            var root = new ReleaseRoot(args[1]);
            var command = args.Length > 2 ? args[2] : LauncherCommands.Help;
            var rest = args.Skip(3).ToList();
            if (LauncherCommands.IsHelp(command))
                return HelpCommand.Run(TryName(root) ?? "<name>", Console.Out, TryCommands(root));

            using var handlerLock = LockFor(root, command, rest);
            var release = new ReleaseContext(root);
            if (command == LauncherCommands.LogWriter)
                return LogWriter.Run(rest, LogWriter.RotationOf(release), Console.OpenStandardInput());
            // RuntimeFeature.IsDynamicCodeSupported is false in the native client, which cannot load the release's code: the
            // compiler drops what only the node, eval and the release's own commands reach from there.
            return command switch
            {
                LauncherCommands.Foreground => RuntimeFeature.IsDynamicCodeSupported ? ForegroundCommand.Run(release, rest) : throw CannotHostCode(release, command),
                LauncherCommands.Start => StartCommand.Run(release, rest),
                LauncherCommands.Stop => StopCommand.Run(release, rest),
                LauncherCommands.Restart => RestartCommand.Run(release, rest),
                LauncherCommands.Pid => PidCommand.Run(release, rest),
                LauncherCommands.Ping => PingCommand.Run(release, rest),
                LauncherCommands.Versions => VersionsCommand.Run(release, rest),
                LauncherCommands.Describe => DescribeCommand.Run(release, rest),
                LauncherCommands.Unpack => UnpackCommand.Run(release, rest),
                LauncherCommands.Install => InstallCommand.Run(release, rest),
                LauncherCommands.MakePermanent => MakePermanentCommand.Run(release, rest),
                LauncherCommands.Remove => RemoveCommand.Run(release, rest),
                LauncherCommands.Upgrade => UpgradeCommand.Upgrade(release, rest),
                LauncherCommands.Downgrade => UpgradeCommand.Downgrade(release, rest),
                LauncherCommands.SystemdUnit => SystemdUnitCommand.Run(release, rest),
                LauncherCommands.Eval => RuntimeFeature.IsDynamicCodeSupported ? EvalCommand.Run(release, rest) : throw CannotHostCode(release, command),
                LauncherCommands.Rpc => RpcCommand.Run(release, rest),
                _ when !RuntimeFeature.IsDynamicCodeSupported => throw (CustomCommand.Of(release).Any(c => c.Name == command) ? CannotHostCode(release, command) : UnknownCommand(command)),
                _ => CustomCommand.TryRun(release, command, rest)
                     ?? throw UnknownCommand(command),
            };
        }
        // The launcher's one handler (a node whose app is the entry program reports through it too: NodeEntry).
        catch (Exception e) when (LauncherException.IsReported(e))
        {
            return LauncherException.Report(e);
        }
    }

    private static LauncherException UnknownCommand(string command) => new(ExitCodes.Usage, $"unknown command '{command}'; run help for the list");

    // bin/<name> sends only the commands that run no app code to the native client; anything else reaching it was run by hand.
    private static LauncherException CannotHostCode(ReleaseContext release, string command) =>
        new(ExitCodes.Usage, $"'{command}' runs the release's code, which the launcher's native client cannot load: run it with {release.Root.BinScript(release.Name)}");

    private static IReadOnlyList<RelTool.Formats.Manifests.ReleaseCommand> TryCommands(ReleaseRoot root)
    {
        try { return CustomCommand.Of(new ReleaseContext(root)); }
        catch (Exception e) when (e is RelToolException or FormatException or IOException) { return []; }
    }

    private static string? TryName(ReleaseRoot root)
    {
        try { return new ReleaseContext(root).Name; }
        catch (Exception e) when (e is RelToolException or FormatException or IOException or UnauthorizedAccessException) { return null; }
    }

    // Release-handler commands fail at once when another holds the lock (an upgrade may take minutes: the operator should
    // know); start and restart wait for it up to their timeout, so two starts give one node and one "already running".
    // Whoever holds the lock first completes a change of RELEASES and start_erl.data that a killed command left recorded.
    private static IDisposable? LockFor(ReleaseRoot root, string command, IReadOnlyList<string> args)
    {
        HandlerLock? taken;
        switch (command)
        {
            case LauncherCommands.Unpack or LauncherCommands.Install or LauncherCommands.MakePermanent or LauncherCommands.Remove or LauncherCommands.Upgrade or LauncherCommands.Downgrade:
                taken = HandlerLock.Acquire(root, command, TimeSpan.Zero);
                break;
            case LauncherCommands.Start or LauncherCommands.Restart:
                if (Environment.GetEnvironmentVariable(HandlerLock.HeldByParentVariable) is { Length: > 0 }) return null;
                var timeout = CommandArgs.Parse(command, args, allowTimeout: true, allowAppArgs: command == LauncherCommands.Start).Timeout ?? StartCommand.DefaultTimeout;
                taken = HandlerLock.Acquire(root, command, timeout);
                break;
            case LauncherCommands.Foreground:
                HandlerLock.CompleteRecordedChangeIfFree(root);
                return null;
            default:
                return null;
        }
        try
        {
            HandlerLock.CompleteRecordedChange(root);
            return taken;
        }
        catch
        {
            taken.Dispose();
            throw;
        }
    }
}
