using RelTool.Boot.Commands;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// An install as a restart, for apps that do not use RelTool.Runtime and for relups that restart the runtime. The
/// new release cannot bind the old one's port while it runs, so: stop the old node, start the new one (not yet
/// permanent: bin/&lt;name&gt; boots it through RELTOOL_BOOT_VSN) and wait until it answers (<see cref="HealthCheck"/>);
/// when it does not within the timeout, stop it and start the old release again, and fail. The service is down
/// only between the old node's exit and the new (or old) one's start; clients retry on connection refusal.
/// </summary>
public static class RestartInstall
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static void Run(ReleaseRoot root, string from, string to, TimeSpan? timeout)
    {
        var wait = timeout ?? DefaultTimeout;
        Console.WriteLine($"installing {to} by restart (from {from})");
        StopCommand.Run(ContextFor(root, from), []);
        var problem = TryStart(root, to, wait) ?? HealthCheck.Wait(root, to, wait);
        if (problem is null)
        {
            Console.WriteLine($"installed {to} from {from} (restart)");
            return;
        }
        Console.Error.WriteLine($"{to} did not come up: {problem}");
        if (RunningNode.TryQuery(root) is not null)
        {
            try { StopCommand.Run(ContextFor(root, to), ["--timeout", "10"]); }
            catch (LauncherException e) { Console.Error.WriteLine(e.Message); }
        }
        var back = TryStart(root, from, wait);
        throw new LauncherException(ExitCodes.Failure, back is null
            ? $"install of {to} failed: {problem}; {from} runs again"
            : $"install of {to} failed: {problem}; starting {from} again failed too: {back}");
    }

    private static string? TryStart(ReleaseRoot root, string version, TimeSpan timeout)
    {
        try
        {
            StartCommand.Run(ContextFor(root, version), ["--timeout", timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            return null;
        }
        catch (LauncherException e)
        {
            return e.Message;
        }
    }

    /// <summary>The release context for <paramref name="version"/>; the variable is inherited by the node bin/&lt;name&gt; starts.</summary>
    private static ReleaseContext ContextFor(ReleaseRoot root, string version)
    {
        Environment.SetEnvironmentVariable(ReleaseContext.BootVersionVariable, version);
        return new ReleaseContext(root);
    }
}
