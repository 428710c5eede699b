using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RelTool.Boot.Control;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;
using RelTool.Boot.Sockets;
using RelTool.Runtime;
using RelTool.Runtime.Hosting;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// Runs an app written against RelTool.Runtime: its assemblies in a collectible <see cref="CodeLoadContext"/>, the
/// one public <c>IApplication</c> of the entry assembly started on a <see cref="Node"/>, and the node's release
/// handler on the control socket (install). SIGTERM/SIGINT stop the applications and end the node.
/// </summary>
public sealed class RuntimeNodeHost : IHostedApp
{
    private readonly ReleaseContext release;
    private readonly Node node;
    private readonly CodeVersions versions;
    private readonly NodeReleaseHandler handler;
    private readonly ManualResetEventSlim stopping = new();
    private PosixSignalRegistration[] signals = [];

    /// <param name="appArgs">The app's arguments: a restart into the permanent release passes them on.</param>
    public RuntimeNodeHost(ReleaseContext release, ControlCommandTable commands, IReadOnlyList<string> appArgs)
    {
        this.release = release;
        node = new Node(release.Name, release.Version);
        versions = new CodeVersions(node);
        handler = new NodeReleaseHandler(release.Root, node, versions, appArgs);
        node.ReleaseHandler = handler;
        // RelTool.Runtime's listeners serve on sockets the launcher owns, so an overlapped install can hand them over.
        ListenSocketHook.Bind = endpoint => ListenSockets.Current.Bind(endpoint, ListenSocketHook.NewBound);
        ListenSockets.Current.AcceptingStops += ListenSocketHook.StopAccepting;
        commands.Add(InstallReply.Command, handler.HandleInstall);
        commands.Set(NodeCommands.Describe, _ => new(ControlReply.Success(Describe())));
    }

    /// <summary>Loads the entry assembly into the first code context and makes it the process's entry assembly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void LoadEntry(string entryPath)
    {
        var context = new CodeLoadContext($"{release.Name}-{release.Version}", BootMap.Assemblies(release.Root, release.Boot));
        versions.Track(context);
        var entry = context.LoadFromAssemblyPath(entryPath);
        Assembly.SetEntryAssembly(entry);
        node.Code.MakeCurrent(entry);
    }

    /// <summary>
    /// Starts the entry application before the control socket answers, so that `start` returns once the app serves.
    /// From now on SIGTERM/SIGINT stop the node through <see cref="Run"/>.
    /// </summary>
    public void Start(string[] args)
    {
        signals = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];
        StartEntryApplication(args);
        Console.WriteLine($"[reltool] {release.Name} {release.Version}: application {release.Boot.EntryApplication} started on RelTool.Runtime");
        // After the app, not before it (it cost kv's start ~250 ms): the warm-up only serves a later install.
        handler.WarmUp(() => CodeChangeWarmUp.Run(node));
    }

    /// <summary>Serves until a signal (or the control socket's stop) ends the node; stops the applications.</summary>
    public int Run()
    {
        WaitHandle.WaitAny([stopping.WaitHandle, ((IAsyncResult)node.Stopped).AsyncWaitHandle]);
        node.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        Console.WriteLine($"[reltool] {release.Name} {node.ReleaseVersion}: applications stopped");
        foreach (var signal in signals) signal.Dispose();
        return 0;
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Console.WriteLine($"{release.Name} received {context.Signal}, shutting down");
        // As ShutdownCoordinator: close the listening sockets without shutting them down for a node that shares them.
        ListenSockets.Current.StopAccepting();
        stopping.Set();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StartEntryApplication(string[] args)
    {
        var entry = Assembly.GetEntryAssembly()!;
        node.StartApplication(release.Boot.EntryApplication, Node.CreateApplication(entry), args);
        // Unchanged assemblies of later versions are taken from the running code: register what the start loaded.
        if (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(entry) is { } context)
            foreach (var assembly in context.Assemblies) node.Code.MakeCurrent(assembly);
    }

    private List<string> Describe()
    {
        var lines = RunningNode.Describe(release.Root, BootMap.Read(release.Root, node.ReleaseVersion));
        lines.Add(RunningNode.HostingRuntimeLine);
        return lines;
    }
}
