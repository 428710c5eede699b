using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>ping: prints pong when the node answers on its control socket; pang (exit 3) when nobody answers.</summary>
public static class PingCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        CommandArgs.Parse(LauncherCommands.Ping, args);
        var reply = ControlClient.TrySend(release.Root, NodeCommands.Ping);
        if (reply is null)
        {
            Console.WriteLine("pang");
            Console.Error.WriteLine($"{release.Name} is not running");
            return ExitCodes.NotRunning;
        }
        if (reply.ErrorKind == ControlClient.CookieProblem)
        {
            Console.WriteLine("pang");
            Console.Error.WriteLine($"cannot ask {release.Name}: {reply.Message}");
            return ExitCodes.Failure;
        }
        if (!reply.Ok)
        {
            Console.WriteLine("pang");
            Console.Error.WriteLine($"the node refused ping: {reply.ErrorKind} {reply.Message}".TrimEnd());
            return ExitCodes.Failure;
        }
        Console.WriteLine(reply.Lines.FirstOrDefault());
        return ExitCodes.Ok;
    }
}
