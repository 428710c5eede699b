using System.Diagnostics;
using System.Globalization;
using RelTool.Boot.Commands;
using RelTool.Boot.Control;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;
using RelTool.Boot.Sockets;
using RelTool.Formats.Layout;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// An install by restart with no closed port (the node's control command <see cref="OverlapRequest"/>): the running node
/// starts the new release's node itself (so it stays in the service's process tree and cgroup), hands it the listening
/// sockets it owns (<see cref="ListenSockets"/>), waits until it is ready and healthy, lets it take over the release
/// root (<see cref="Successor"/>) and only then shuts down gracefully — Kestrel stops accepting, answers the requests
/// in flight with `Connection: close` and closes idle connections; the kernel socket stays open in the new node all
/// along. A new node that does not come up is killed; this node never stopped serving. When this node cannot hand
/// its sockets over it says why (<see cref="OverlapReply.CannotOverlap"/>) and the command installs by stop-then-start.
/// </summary>
public sealed class OverlappedInstall(ReleaseContext release, NodeStartup startup, string cookie)
{
    /// <summary>A successor that does not come up serves nobody, but gets a moment to stop before it is killed.</summary>
    private static readonly TimeSpan FailedStopTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private static int handedOver;
    private int busy;

    /// <summary>
    /// "The new node took over, pid N": raised in the old node once the successor answers on the release root's
    /// control socket and owns the pid file, just before this node starts its graceful shutdown (a service manager
    /// learns the new main pid here).
    /// </summary>
    public static event Action<int>? TookOver;

    /// <summary>True once a successor took over: the root's control socket and pid file are no longer this node's.</summary>
    public static bool HandedOver => Volatile.Read(ref handedOver) == 1;

    /// <summary>overlap VSN SECONDS started|settle [ENV...]</summary>
    public ControlOutcome Handle(IReadOnlyList<string> args)
    {
        if (OverlapRequest.Parse(args) is not { } request) return new(ControlReply.Error("bad-request", OverlapRequest.Usage));
        if (HandedOver) return Failed("this node already handed the release over and is stopping");
        if (Interlocked.Exchange(ref busy, 1) == 1)
            return Failed("another install is in progress on this node; try again when it is done");
        try
        {
            if (ListenSockets.Current.WhyNotOwned() is { } why) return new(new OverlapReply.CannotOverlap(why).ToControlReply());
            return Install(request.Version, request.Ready == OverlapRequest.ReadyWhen.Settled, request.Timeout, request.AddedEnvironment);
        }
        finally
        {
            if (!HandedOver) Volatile.Write(ref busy, 0);
        }
    }

    private ControlOutcome Install(string version, bool settle, TimeSpan timeout, IReadOnlyDictionary<string, string> added)
    {
        var root = release.Root;
        var from = release.Version;
        // The new node logs where `start` would; a node run by `foreground` (systemd) has no log/ yet.
        var log = NodeLog.Prepare(root, release.Name);
        var control = ControlEndpoint.ChooseSuccessor(root);
        var deadline = Stopwatch.StartNew();
        using var node = ListenSockets.Current.Inheritable(sockets => Spawn(version, control, sockets, log, added));
        Log($"starting {version} (pid {node.Id}) on the sockets of {from}");

        var problem = WaitReady(node, control, version, timeout, deadline)
                      ?? (settle ? Settled(node, control, version) : null)
                      ?? CheckSockets(control, version, from);
        if (problem is null) WarmUpSuccessor(control, version);
        problem ??= Healthy(node, control, version, timeout, deadline, added);
        int pid = 0;
        if (problem is null)
        {
            var reply = ControlClient.TrySend(control, cookie, Successor.TakeOverCommand, [], TimeSpan.FromSeconds(10));
            if (reply is { Ok: true } && int.TryParse(reply.Lines.FirstOrDefault(), CultureInfo.InvariantCulture, out pid))
            {
                Volatile.Write(ref handedOver, 1);
                // From the take-over on, not once the reply is sent: a keep-alive request in between would get a
                // kept-alive answer and then have its idle connection closed under it at the graceful shutdown.
                ConnectionDraining.Start();
            }
            else problem = $"{version} did not take over the release root ({reply?.Message ?? "no answer"})";
        }
        if (problem is not null)
        {
            Stop(node);
            // Its last words (why it failed) come through its own log writer: the command shows the end of the log.
            DetachedLog.WaitForWriter(root, release.Name, node.Id);
            ControlEndpoint.Remove(root, control);
            Log($"{version} did not come up; {from} keeps serving: {problem}");
            // One line (the protocol's error reply): the command adds the end of the log.
            return Failed($"install of {version} failed, {from} keeps serving (it never stopped): {problem}");
        }
        Log($"{version} took over (pid {pid}); {from} stops accepting and finishes its requests");
        TookOver?.Invoke(pid);
        return new(
            new OverlapReply.TookOver(pid, [$"{version} (pid {pid}) serves on the sockets of {from}; {from} (pid {Environment.ProcessId}) finishes its requests and exits"]).ToControlReply(),
            StopAcceptingThenStop);
    }

    /// <summary>
    /// Lets the successor run requests through its app before it takes over (<see cref="WarmUp"/>): otherwise the
    /// clients queued right after this node stops accepting wait while the new app compiles its request pipeline.
    /// Not warming up is no reason to fail the install.
    /// </summary>
    private void WarmUpSuccessor(string control, string version)
    {
        var reply = ControlClient.TrySend(control, cookie, WarmUp.Command, [], TimeSpan.FromSeconds(30));
        if (reply is { Ok: true }) Log($"warmed up {version}: {reply.Lines.FirstOrDefault()}");
        else if (reply is not { ErrorKind: "unknown-command" }) Log($"{version} takes over without a warm-up ({reply?.Message ?? "no answer"})");
    }

    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The successor answers the release's health URL on its private listener before it takes over (as `start`, the
    /// command waits up to the install's timeout), so an unhealthy release never answers a client: it is stopped and
    /// this node keeps serving. A successor without a private listener says `none`: the command probes after the take-over.
    /// </summary>
    private string? Healthy(Process node, string control, string version, TimeSpan timeout, Stopwatch deadline, IReadOnlyDictionary<string, string> added)
    {
        while (true)
        {
            if (node.HasExited) return $"{version} exited with code {node.ExitCode} before it was healthy";
            var reply = ControlClient.TrySend(control, cookie, Successor.HealthCommand, [], TimeSpan.FromSeconds(10));
            // An older successor has no health command: the command probes after the take-over, as before.
            if (reply is { Ok: true } or { ErrorKind: "unknown-command" }) return null;
            if (deadline.Elapsed > timeout)
                return $"{HealthUrlFor(version, added) ?? "its health URL"} did not answer within {timeout.TotalSeconds:0.#} s ({reply?.Message ?? "no answer"})";
            Thread.Sleep(HealthPollInterval);
        }
    }

    /// <summary>The health URL as configured for <paramref name="version"/>, with the successor's environment: what a message names.</summary>
    private string? HealthUrlFor(string version, IReadOnlyDictionary<string, string> added)
    {
        try
        {
            return ReleaseHandler.HealthCheck.UrlFor(release.Root, version, SuccessorEnvironment(added));
        }
        catch (LauncherException)
        {
            return null;
        }
    }

    private static ControlOutcome Failed(string message) => new(new OverlapReply.Failed("failed", message).ToControlReply());

    /// <summary>How long the old node keeps the connections it accepted last before its graceful shutdown, which closes
    /// connections that have not sent a request yet: a client that connected just before the hand-over sends it by then,
    /// and a busy keep-alive client gets its next answer with `Connection: close` (<see cref="ConnectionDraining"/>).</summary>
    private static readonly TimeSpan LastAcceptsGrace = TimeSpan.FromSeconds(1);

    /// <summary>The successor accepts every new connection from now on; this node then drains and exits.</summary>
    private static void StopAcceptingThenStop()
    {
        ListenSockets.Current.StopAccepting();
        Thread.Sleep(LastAcceptsGrace);
        ShutdownCoordinator.RequestStop();
    }

    /// <summary>The successor's environment: variables only the command has, then the old node's own (which win).</summary>
    private Dictionary<string, string> SuccessorEnvironment(IReadOnlyDictionary<string, string> added)
    {
        var environment = new Dictionary<string, string>(added, StringComparer.Ordinal);
        foreach (var (key, value) in startup.Environment) environment[key] = value;
        return environment;
    }

    /// <summary>`bin/&lt;name&gt; foreground --detached` for VSN, as `start` runs it, with the old node's arguments and environment.</summary>
    private Process Spawn(string version, string control, string sockets, string log, IReadOnlyDictionary<string, string> added)
    {
        var root = release.Root;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = root.Dir };
        foreach (var a in new[] { "-c", StartCommand.DetachScript, "reltool-start", log, root.BinScript(release.Name), LauncherCommands.Foreground, "--detached" })
            start.ArgumentList.Add(a);
        if (startup.AppArgs.Count > 0)
        {
            start.ArgumentList.Add("--");
            foreach (var a in startup.AppArgs) start.ArgumentList.Add(a);
        }
        // The environment the old node was started with, not the one it changed for its app.
        start.Environment.Clear();
        foreach (var (key, value) in SuccessorEnvironment(added)) start.Environment[key] = value;
        // systemd's WATCHDOG_PID names this node; the successor becomes the main process and pings in its place.
        start.Environment.Remove(SystemdNotifier.WatchdogPidVariable);
        start.Environment[ReleaseContext.BootVersionVariable] = version;
        start.Environment[ListenSockets.Variable] = sockets;
        start.Environment[Successor.ControlVariable] = control;
        return Process.Start(start) ?? throw new LauncherException(ExitCodes.Failure, $"could not start {version}");
    }

    /// <param name="deadline">Started when the install began: the timeout counts from then, and the message names the timeout given.</param>
    private string? WaitReady(Process node, string control, string version, TimeSpan timeout, Stopwatch deadline)
    {
        while (true)
        {
            if (node.HasExited) return $"{version} exited with code {node.ExitCode} while starting";
            var reply = ControlClient.TrySend(control, cookie, NodeCommands.Ready, [], TimeSpan.FromSeconds(2));
            if (reply is { Ok: true }) return null;
            if (reply is { ErrorKind: "denied" }) return $"{version} refused the cookie";
            if (deadline.Elapsed > timeout)
                return reply is null
                    ? $"{version} did not answer on its control socket within {timeout.TotalSeconds:0.#} s"
                    : $"{version} answers ping, but the app's host did not report started (ApplicationStarted) within {timeout.TotalSeconds:0.#} s";
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Without a health URL, as a restart install: the new node still answers a moment after it started.</summary>
    private string? Settled(Process node, string control, string version)
    {
        Thread.Sleep(OverlapRequest.SettleTime);
        return !node.HasExited && ControlClient.TrySend(control, cookie, NodeCommands.Ping, [], TimeSpan.FromSeconds(2)) is { Ok: true }
            ? null
            : $"{version} stopped answering ping right after it started";
    }

    /// <summary>A new release that does not serve on every address this node serves would close those when this node stops.</summary>
    private string? CheckSockets(string control, string version, string from)
    {
        var reply = ControlClient.TrySend(control, cookie, Successor.SocketsCommand, [], TimeSpan.FromSeconds(5));
        if (reply is not { Ok: true }) return $"{version} did not say which sockets it serves on ({reply?.Message ?? "no answer"})";
        var unused = reply.Lines.Where(l => l.StartsWith("unused ", StringComparison.Ordinal)).Select(l => l[7..]).ToList();
        if (unused.Count == 0) return null;
        var elsewhere = reply.Lines.Where(l => l.StartsWith("new ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
        return $"{version} does not listen on {string.Join(", ", unused)}, where {from} serves"
               + (elsewhere.Count > 0 ? $" (it listens on {string.Join(", ", elsewhere)})" : "")
               + $"; to move the service to another address, stop {from} and start {version}";
    }

    private static void Stop(Process node)
    {
        if (node.HasExited) return;
        ShutdownSignal(node.Id);
        if (node.WaitForExit(FailedStopTimeout)) return;
        try { node.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        node.WaitForExit(TimeSpan.FromSeconds(10));
    }

    private static void ShutdownSignal(int pid) => Native.Libc.kill(pid, Native.Libc.SIGTERM);

    /// <summary>To the node's log (stderr): what a supervisor's journal shows about the hand-over.</summary>
    private static void Log(string message) => Console.Error.WriteLine($"[reltool] {message}");
}
