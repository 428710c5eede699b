using RelTool.Boot.Commands;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// An install as a restart, for apps that do not use RelTool.Runtime and for relups that restart the runtime. The
/// new release cannot bind the old one's port while it runs, so: stop the old node, start the new one (not yet
/// permanent: bin/&lt;name&gt; boots it through RELTOOL_BOOT_VSN) and wait until it answers (<see cref="HealthCheck"/>);
/// when it does not within the timeout, stop it and start the old release again, and fail. The service is down
/// only between the old node's exit and the new (or old) one's start; clients retry on connection refusal. Both
/// start with the old node's app arguments and environment (<see cref="NodeStartup"/>).
/// </summary>
public static class RestartInstall
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A release that did not come up serves nobody: it gets little time to stop before it is killed, as the service is down meanwhile.</summary>
    private static readonly TimeSpan FailedStopTimeout = TimeSpan.FromSeconds(2);

    public static void Run(ReleaseRoot root, string from, string to, TimeSpan? timeout)
    {
        var wait = timeout ?? DefaultTimeout;
        // Both releases start as the old node was started, not with the environment of whoever runs the upgrade.
        var startup = NodeStartup.TryQuery(root);
        var url = HealthCheck.UrlFor(root, to, startup?.Environment);
        Console.WriteLine($"installing {to} by restart (from {from}); ready when {url ?? "it still answers ping 1 s after it started"}");
        StopCommand.Run(ContextFor(root, from), []);
        var log = root.LogFile(ContextFor(root, to).Name);
        var logOffset = File.Exists(log) ? new FileInfo(log).Length : 0;
        var problem = TryStart(root, to, wait, startup) ?? WithLogTail(HealthCheck.Wait(root, to, url, wait), log, logOffset);
        if (problem is null)
        {
            Console.WriteLine($"installed {to} from {from} (restart)");
            return;
        }
        Console.Error.WriteLine($"{to} did not come up; starting {from} again");
        if (RunningNode.TryQuery(root) is not null)
        {
            try { StopCommand.Run(ContextFor(root, to), ["--timeout", Seconds(FailedStopTimeout)]); }
            catch (LauncherException e) { Console.Error.WriteLine(e.Message); }
        }
        var back = TryStart(root, from, wait, startup) ?? HealthCheck.Wait(root, from, HealthCheck.UrlFor(root, from, startup?.Environment), wait);
        throw new LauncherException(ExitCodes.Failure, back is null
            ? $"install of {to} failed, {from} runs again: {problem}"
            : $"install of {to} failed, and starting {from} again failed too ({back}): {problem}");
    }

    /// <summary>start already shows the log when the node fails while starting; a node that fails later says why there too.</summary>
    private static string? WithLogTail(string? problem, string log, long offset) =>
        problem is null ? null
            : LogTail.Read(log, offset) is { Length: > 0 } tail ? $"{problem}; the end of {log}:\n{tail}"
            : problem;

    private static string? TryStart(ReleaseRoot root, string version, TimeSpan timeout, NodeStartup? startup)
    {
        try
        {
            StartCommand.Run(ContextFor(root, version), ["--timeout", Seconds(timeout)], startup);
            return null;
        }
        catch (LauncherException e)
        {
            return e.Message;
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The release context for <paramref name="version"/>; the variable is inherited by the node bin/&lt;name&gt; starts.</summary>
    private static ReleaseContext ContextFor(ReleaseRoot root, string version)
    {
        Environment.SetEnvironmentVariable(ReleaseContext.BootVersionVariable, version);
        return new ReleaseContext(root);
    }
}
