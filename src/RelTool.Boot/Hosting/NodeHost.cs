using System.Globalization;
using System.Reflection;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Boot.Native;
using RelTool.Boot.ReleaseHandler;
using RelTool.Boot.ReleaseHandler.NodeSide;
using RelTool.Boot.Sockets;
using RelTool.Formats;

namespace RelTool.Boot.Hosting;

/// <summary>Runs the release's app in this process: the node. Serves the control socket while the app runs.</summary>
public static class NodeHost
{
    /// <summary>The launcher is the entry program: it loads the app's entry assembly and calls its Main.</summary>
    public static int Run(ReleaseContext release, string[] appArgs, bool detached) =>
        Start(release, appArgs, detached, program: null).RunApp(appArgs);

    /// <summary>
    /// The app is the process's entry program (releases/&lt;Vsn&gt;/node.args, <see cref="NodeEntry"/>): called before
    /// its Main, sets the node up around it; the clean-up runs when the process exits.
    /// </summary>
    public static void StartAround(ReleaseContext release, string[] appArgs, bool detached, Assembly program) =>
        Start(release, appArgs, detached, program).CleanUpAtExit();

    private static Node Start(ReleaseContext release, string[] appArgs, bool detached, Assembly? program)
    {
        // Variables of an overlapped install (ours) and of systemd's socket activation are the node's, not the app's.
        var successorControl = Successor.ConsumeControlPath();
        ListenSockets.Current.Adopt();
        var startup = NodeStartup.Capture(appArgs);
        var root = release.Root;
        if (detached) Libc.setsid();
        var cookie = Cookie.Ensure(root);
        if (successorControl is null && ControlClient.TrySend(root, NodeCommands.Ping) is { Ok: true })
            throw new LauncherException(ExitCodes.AlreadyRunning, $"{release.Name} is already running");

        // The entry program is the app's entry assembly; otherwise start.boot names it.
        var boot = program is null ? release.Boot : null;
        var entryPath = program?.Location ?? root.Resolve(boot!.EntryAssemblyPath);
        if (!File.Exists(entryPath)) throw new LauncherException(ExitCodes.Failure, $"{entryPath}: the entry assembly is missing");
        var appDir = Path.GetDirectoryName(entryPath)!;

        foreach (var (key, value) in release.Environment) Environment.SetEnvironmentVariable(key, value);
        // From here on the node's output goes through the rotating log writer; what failed before went straight to the log.
        if (detached) DetachedLog.Redirect(release);
        AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", appDir + "/");
        ContentRoot.Apply(appDir);
        // foreground keeps the caller's directory, as `dotnet app.dll` does; a daemon runs in the root, which (unlike
        // the versioned lib dir) an upgrade keeps.
        if (detached) Directory.SetCurrentDirectory(root.Dir);

        var systemd = SystemdNotifier.FromEnvironment();
        systemd.Status($"starting {release.Name} {release.Version}");
        var etcAppSettings = EtcAppSettings.Watch(root.EtcDir);
        var commands = new ControlCommandTable();
        NodeControlCommands.AddTo(commands, release);
        // An app that is the entry program has no RelTool.Runtime: `release` writes node.args only for such releases.
        var runtimePath = boot is null ? null : RuntimeApp.RuntimeOf(root, boot, entryPath);
        var usesRuntime = runtimePath is not null;
        // A successor's Kestrel accepts on the shared sockets from its take-over on; until then it is warmed up privately.
        var gate = !usesRuntime && successorControl is not null ? new SuccessorGate() : null;
        // The node's own commands and its socket come up on another thread while this one starts the app.
        var controlPlane = new NodeControlPlane(root, release.Name, cookie, commands, () =>
        {
            // start.boot, for describe and an install, read here when the main thread did not need it.
            _ = release.Boot;
            commands.Add(NodeStartup.ControlCommand, _ => new(ControlReply.Success(startup.ToLines())));
            commands.Add(Successor.SocketsCommand, _ => new(ControlReply.Success(ListenSockets.Current.Report())));
            var overlap = new OverlappedInstall(release, startup, cookie);
            commands.Add(OverlapRequest.Command, overlap.Handle);
            commands.Add(Commands.RpcCommand.ControlCommand, request => Commands.RpcCommand.Handle(release, request));
            // systemd follows the service to the node that took it over (it is this node's child, in the unit's cgroup).
            OverlappedInstall.TookOver += systemd.MainPid;
        }, successorControl, gate is null ? null : gate.Open, () =>
        {
            // READY=1 at the same point `start` waits for: the control socket answers and the app's host has started.
            systemd.Ready($"serving {release.Name} {release.Version}");
            systemd.StartWatchdog();
        });
        // An app written against RelTool.Runtime runs in a collectible context on a Node (hot upgrades); the host then
        // holds no reference to its assemblies.
        if (runtimePath is not null) RuntimeApp.ResolveFromRelease(runtimePath);
        var hosted = usesRuntime ? RuntimeApp.Host(release, commands, appArgs) : null;
        var entry = hosted is null ? program ?? LoadEntry(root, boot!, entryPath) : null;
        hosted?.LoadEntry(entryPath);
        if (program is null) AppCommandLine.Set(entryPath, appArgs);
        // Before the app builds its host: Kestrel then serves on sockets the node owns and can hand over.
        var kestrelSockets = hosted is null ? KestrelSockets.Watch(ListenSockets.Current, gate) : null;
        // Read when asked: the warm-up and the health probe use the URL the release has then.
        string? HealthUrl() => ReleaseHandler.HealthCheck.UrlFor(root, release.Version, startup.Environment);
        if (hosted is null)
            commands.Add(WarmUp.Command, args => WarmUp.Handle(args, () =>
                WarmUp.UrlFor(HealthUrl(), ListenSockets.Current.Endpoints()) is { } url ? gate?.PrivateUrl(url) ?? url : null));
        if (gate is not null)
            commands.Add(Successor.HealthCommand, _ => Successor.Health(HealthUrl(), gate));
        hosted?.Start(appArgs);
        var readiness = hosted is null ? HostReadiness.For(entry!) : HostReadiness.Immediately();
        commands.Add(NodeCommands.Ready, _ => new(readiness.IsReady
            ? ControlReply.Success("ready")
            : ControlReply.Error(NodeCommands.StartingKind, "the app's host has not raised ApplicationStarted yet")));

        // After a hand-over the service goes on in the successor: systemd must not hear STOPPING=1 from this node.
        var stoppingStatus = $"stopping {release.Name} {release.Version}";
        void NotifyStopping()
        {
            if (!OverlappedInstall.HandedOver) systemd.Stopping(stoppingStatus);
        }
        var shutdown = new ShutdownCoordinator(ShutdownCoordinator.GraceFromEnvironment(), NotifyStopping);
        // Now the control socket, control.path and the pid file; a successor takes them when the old node hands over.
        controlPlane.AppSideReady(readiness);
        if (detached) Console.Error.WriteLine($"[reltool] {release.Name} {release.Version} started, pid {Environment.ProcessId}");
        // The control plane goes first when the app ends (and at ProcessExit); the rest after it, in this order.
        return new Node(release, detached, entry, hosted, NotifyStopping, controlPlane, [shutdown, readiness, kestrelSockets, etcAppSettings, systemd]);
    }

    /// <summary>A started node around its app: runs the app (or leaves that to the entry program) and cleans up after it.</summary>
    private sealed class Node(ReleaseContext release, bool detached, Assembly? entry, IHostedApp? hosted, Action notifyStopping,
        NodeControlPlane controlPlane, IDisposable?[] afterApp)
    {
        private int cleanedUp;

        public int RunApp(string[] appArgs)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp();
            int code;
            try
            {
                code = hosted is null ? EntryPointInvoker.Invoke(entry!, appArgs) : hosted.Run();
            }
            catch
            {
                CleanUp();
                throw;
            }
            CleanUp();
            ReportExit(code);
            foreach (var item in afterApp) item?.Dispose();
            return code;
        }

        /// <summary>The entry program's Main returns (or fails) after this method: clean up at exit.</summary>
        public void CleanUpAtExit()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                CleanUp();
                // Main's return value is the latched exit code by now.
                ReportExit(Environment.ExitCode);
            };
            AppDomain.CurrentDomain.UnhandledException += (_, _) => CleanUp();
        }

        private void CleanUp()
        {
            if (Interlocked.Exchange(ref cleanedUp, 1) == 1) return;
            notifyStopping();
            controlPlane.Dispose();
        }

        private void ReportExit(int code)
        {
            if (detached) Console.Error.WriteLine($"[reltool] {release.Name} {release.Version} exited with code {code}");
        }
    }

    private static Assembly LoadEntry(ReleaseRoot root, RelTool.Formats.Manifests.BootFile boot, string entryPath)
    {
        var context = new ReleaseLoadContext(root, boot);
        context.ServeDefaultContext();
        var entry = context.LoadFromAssemblyPath(entryPath);
        Assembly.SetEntryAssembly(entry);
        return entry;
    }
}
