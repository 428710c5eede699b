using RelTool.Boot.Commands;
using RelTool.Boot.Control;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// An install as a restart, for apps that do not use RelTool.Runtime and for relups that restart the runtime. First
/// overlapped (NodeSide/OverlappedInstall.cs: the running node starts the new one on its listening sockets and stops
/// once that one serves; the health URL is probed afterwards). When the node cannot hand its sockets over, stop-then-start:
/// the new release cannot bind the old one's port while it runs, so: stop the old node, start the new one (not yet
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

    /// <summary>"off" in the installing command's environment: stop-then-start instead of an overlapped install.</summary>
    public const string OverlapSwitchVariable = "RELTOOL_OVERLAP";

    /// <summary>Replaces <paramref name="node"/> (as the command found it) by a node of <paramref name="to"/>.</summary>
    /// <param name="name">The release's name (its log is log/NAME.log).</param>
    public static void Run(ReleaseRoot root, string name, RunningNode node, string to, TimeSpan? timeout)
    {
        var from = node.Version;
        var wait = timeout ?? DefaultTimeout;
        // Both releases start as the old node was started, not with the environment of whoever runs the upgrade.
        var startup = NodeStartup.TryQuery(root);
        var url = HealthCheck.UrlFor(root, to, startup?.Environment);
        if (TryOverlappedInstall(root, name, node, to, wait, url, startup)) return;
        Console.WriteLine($"installing {to} by restart (from {from}); ready when {url ?? "it still answers ping 1 s after it started"}");
        StopCommand.Run(ContextFor(root, from), []);
        var log = root.LogFile(name);
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

    /// <summary>
    /// `restart` of a running node that is not runtime-hosted: a node of <paramref name="to"/> (the permanent release)
    /// replaces it the overlapped way. False when the node cannot hand its sockets over (it says why): then stop + start.
    /// </summary>
    public static bool TryOverlappedRestart(ReleaseRoot root, string name, RunningNode node, string to, TimeSpan? timeout)
    {
        var wait = timeout ?? DefaultTimeout;
        var startup = NodeStartup.TryQuery(root);
        return TryOverlappedInstall(root, name, node, to, wait, HealthCheck.UrlFor(root, to, startup?.Environment), startup);
    }

    private static bool TryOverlappedInstall(ReleaseRoot root, string name, RunningNode node, string to, TimeSpan wait, string? url, NodeStartup? startup)
    {
        if (TryOverlapped(root, name, node.Version, node.Pid, to, wait, url, startup) is not { } tookOver) return false;
        CheckOrGoBack(root, name, node.Version, to, tookOver.Pid, wait, url, startup);
        return true;
    }

    /// <summary>
    /// After an overlapped install the health URL reaches only the new node (while both accepted on the shared
    /// sockets either could answer). When it does not answer, the new node hands the sockets back to a node of the
    /// old release the same way, so the port stays open; the command fails.
    /// </summary>
    /// <param name="toPid">The new node, which hands back when it is not healthy.</param>
    private static void CheckOrGoBack(ReleaseRoot root, string name, string from, string to, int toPid, TimeSpan wait, string? url, NodeStartup? startup)
    {
        var log = root.LogFile(name);
        var logOffset = File.Exists(log) ? new FileInfo(log).Length : 0;
        var problem = url is null ? null : WithLogTail(HealthCheck.Wait(root, to, url, wait), log, logOffset);
        if (problem is null)
        {
            Console.WriteLine($"installed {to} from {from} (overlapped restart)");
            return;
        }
        Console.Error.WriteLine($"{to} is not healthy; going back to {from}");
        string? back;
        try
        {
            var fromUrl = HealthCheck.UrlFor(root, from, startup?.Environment);
            if (TryOverlapped(root, name, to, toPid, from, wait, fromUrl, startup) is not null) back = fromUrl is null ? null : HealthCheck.Wait(root, from, fromUrl, wait);
            else
            {
                StopCommand.Run(ContextFor(root, to), ["--timeout", Seconds(FailedStopTimeout)]);
                back = TryStart(root, from, wait, startup) ?? HealthCheck.Wait(root, from, fromUrl, wait);
            }
        }
        catch (LauncherException e)
        {
            back = e.Message;
        }
        throw new LauncherException(ExitCodes.Failure, back is null
            ? $"install of {to} failed, {from} runs again: {problem}"
            : $"install of {to} failed, and going back to {from} failed too ({back}): {problem}");
    }

    /// <summary>Time for the old node to finish its requests and exit after a hand-over, before the command stops waiting for it.</summary>
    private static readonly TimeSpan OldNodeExitWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Asks the running node (of <paramref name="from"/>, pid <paramref name="fromPid"/>) for an overlapped install
    /// (NodeSide/OverlappedInstall.cs). The reply when it installed VSN; null when the node cannot hand its sockets over
    /// (it says why) or predates the command: then the caller installs by stop-then-start. A failed overlapped install
    /// throws: the old node still serves.
    /// </summary>
    private static OverlapReply.TookOver? TryOverlapped(ReleaseRoot root, string name, string from, int fromPid, string to, TimeSpan wait, string? url, NodeStartup? startup)
    {
        if (Environment.GetEnvironmentVariable(OverlapSwitchVariable) == "off")
        {
            Console.Error.WriteLine($"{OverlapSwitchVariable}=off: installing {to} by stop-then-start");
            return null;
        }
        var socket = ControlEndpoint.Locate(root);
        var cookie = Cookie.TryRead(root);
        if (socket is null || cookie is null) return null;
        Console.WriteLine($"installing {to} by overlapped restart (from {from}); ready when {url ?? "its host started and it still answers ping 1 s later"}");
        // As a restart install does: the node's variables win, those only this command has are added.
        var added = System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, e.Value as string ?? ""))
            .Where(e => e.Item1 != ReleaseContext.BootVersionVariable && startup?.Environment.ContainsKey(e.Item1) != true)
            .ToDictionary(e => e.Item1, e => e.Item2);
        // With a health URL the node hands over once the new node's host started; the URL is probed afterwards, when only the new node answers it.
        var request = new OverlapRequest(to, wait, url is null ? OverlapRequest.ReadyWhen.Settled : OverlapRequest.ReadyWhen.Started, added);
        var log = root.LogFile(name);
        var logOffset = File.Exists(log) ? new FileInfo(log).Length : 0;
        var reply = ControlClient.TrySend(socket, cookie, OverlapRequest.Command, request.ToArgs(), wait + TimeSpan.FromSeconds(30))
            ?? throw new LauncherException(ExitCodes.Failure, $"the node did not answer the install of {to}; see its log ({log})");
        switch (OverlapReply.From(reply))
        {
            case OverlapReply.TookOver tookOver:
                foreach (var line in tookOver.Report) Console.WriteLine(line);
                WaitForExit(root, name, fromPid, from);
                return tookOver;
            case OverlapReply.CannotOverlap cannot:
                Console.Error.WriteLine($"cannot install {to} by overlapped restart: {cannot.Why}; installing by stop-then-start instead");
                return null;
            case OverlapReply.Unsupported:
                Console.Error.WriteLine($"the running node ({from}) predates overlapped installs; installing {to} by stop-then-start");
                return null;
            case OverlapReply.Failed failed:
                throw new LauncherException(ExitCodes.Failure, WithLogTail(failed.Message, log, logOffset)!);
            default:
                throw new InvalidOperationException($"unhandled reply {reply}");
        }
    }

    /// <summary>The command returns once the old node is gone (or still finishing its requests after a while), so that one node runs.</summary>
    private static void WaitForExit(ReleaseRoot root, string name, int oldPid, string from)
    {
        if (oldPid <= 0) return;
        if (ProcessWatch.WaitForExit(oldPid, OldNodeExitWait))
        {
            Hosting.DetachedLog.WaitForWriter(root, name, oldPid);
            return;
        }
        Console.Error.WriteLine($"{from} (pid {oldPid}) is still finishing its requests");
    }

    /// <summary>start already shows the log when the node fails while starting; a node that fails later says why there too.</summary>
    private static string? WithLogTail(string? problem, string log, long offset) =>
        problem is null ? null
            : LogTail.ReadSettled(log, offset) is { Length: > 0 } tail ? $"{problem}; the end of {log}:\n{tail}"
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
