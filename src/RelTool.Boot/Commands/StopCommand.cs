using System.Diagnostics;
using System.Globalization;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>stop [--timeout S]: asks the node to shut down, waits, and kills it (SIGKILL, exit 5) after the timeout.</summary>
public static class StopCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static int Run(ReleaseContext release, IReadOnlyList<string> args)
    {
        var parsed = CommandArgs.Parse(LauncherCommands.Stop, args, allowTimeout: true);
        var root = release.Root;
        var pid = int.Parse(ControlClient.Require(root, NodeCommands.Pid).Single(), CultureInfo.InvariantCulture);
        Hooks.Run(release, "pre_stop");
        ControlClient.Require(root, NodeCommands.Stop);
        var timeout = parsed.Timeout ?? DefaultTimeout;
        if (!ProcessWatch.WaitForExit(pid, timeout))
        {
            try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            ProcessWatch.WaitForExit(pid, TimeSpan.FromSeconds(5));
            Hosting.DetachedLog.WaitForWriter(root, release.Name, pid);
            Hooks.Run(release, "post_stop");
            throw new LauncherException(ExitCodes.Killed, $"{release.Name} (pid {pid}) did not stop within {timeout.TotalSeconds:0.#} s and was killed");
        }
        Hosting.DetachedLog.WaitForWriter(root, release.Name, pid);
        Hooks.Run(release, "post_stop");
        Console.WriteLine($"{release.Name} stopped (pid {pid})");
        return ExitCodes.Ok;
    }
}
