using System.Reflection;
using System.Runtime.InteropServices;
using RelTool.Runtime.Hosting;

namespace RelTool.Runtime;

/// <summary>
/// The running node: its release, servers and applications. In a release the launcher creates it and starts the
/// release's applications on it; under <c>dotnet run</c>, <see cref="RunAsync"/> does. What the launcher alone needs
/// (code versions, suspend and code change) is in <see cref="Hosting"/>.
/// </summary>
public sealed class Node(string releaseName, string releaseVersion)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ReleaseName { get; } = releaseName;

    /// <summary>The release the node runs; the release handler changes it once an upgrade is installed.</summary>
    public string ReleaseVersion { get; internal set; } = releaseVersion;

    public ServerRegistry Registry { get; } = new();

    /// <summary>Completes when <see cref="StopAsync"/> has stopped every application.</summary>
    public Task Stopped => stopped.Task;

    internal CodeServer Code { get; } = new();

    internal IReleaseHandler? ReleaseHandler { get; set; }

    internal List<RunningApplication> RunningApplications { get; } = [];

    public ServerRef StartServer(Server implementation, object? args = null, string? name = null) =>
        Registry.Start(implementation, args, name);

    /// <summary>
    /// A child spec that starts a <typeparamref name="TServer"/> on each (re)start, created from the current code
    /// version of its assembly, so that a restart after an upgrade runs the new code.
    /// </summary>
    public ChildSpec ServerChild<TServer>(string id, object? args = null, string? name = null, RestartType restart = RestartType.Permanent)
        where TServer : Server, new()
    {
        var assembly = typeof(TServer).Assembly;
        // Outside a release (dotnet run, a unit test) nobody has named the current code yet: it is this one.
        Code.MakeCurrentIfUnknown(assembly);
        return ServerChild(id, assembly.GetName().Name!, typeof(TServer).FullName!, args, name, restart);
    }

    /// <summary>
    /// The spec keeps the type's name only, never the type: a supervisor outlives code versions, and a spec holding a
    /// type (or a closure of a generic method instantiated over it) of the old version would keep that version loaded
    /// after an upgrade. The name is resolved against the current code at each start. Not generic on purpose.
    /// </summary>
    private ChildSpec ServerChild(string id, string assemblyName, string typeName, object? args, string? name, RestartType restart) =>
        new(id, () => StartServer(Code.Create<Server>(assemblyName, typeName), args, name), restart);

    /// <summary>Starts an application (OTP's <c>application:start</c>): its callback's <c>Start</c> runs now.</summary>
    public void StartApplication(string name, IApplication callback, IReadOnlyList<string>? args = null)
    {
        lock (RunningApplications)
        {
            if (RunningApplications.Any(a => a.Name == name))
            {
                throw new InvalidOperationException($"application {name} is already started");
            }
        }

        Code.MakeCurrentIfUnknown(callback.GetType().Assembly);
        var running = new RunningApplication(name, callback, callback.Start(this, args ?? []));
        lock (RunningApplications)
        {
            RunningApplications.Add(running);
        }
    }

    /// <summary>Stops an application's top process, then calls its <c>Stop</c> (OTP's <c>application:stop</c>).</summary>
    public async Task StopApplicationAsync(string name, TimeSpan timeout)
    {
        RunningApplication? running;
        lock (RunningApplications)
        {
            running = RunningApplications.FirstOrDefault(a => a.Name == name);
            if (running is not null)
            {
                RunningApplications.Remove(running);
            }
        }

        if (running is null)
        {
            throw new InvalidOperationException($"application {name} is not running");
        }

        await running.Top.StopAsync(ExitReason.Shutdown, timeout).ConfigureAwait(false);
        running.Callback.Stop(this);
    }

    /// <summary>Stops the applications in reverse start order.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        foreach (var application in this.Applications.Reverse())
        {
            await StopApplicationAsync(application.Name, timeout).ConfigureAwait(false);
        }

        stopped.TrySetResult();
    }

    /// <summary>
    /// Asks the release handler to install release <paramref name="version"/> by running its relup (OTP's
    /// <c>release_handler:install_release</c>), for code inside the node such as an admin server. Only a node that
    /// the release's launcher started has one.
    /// </summary>
    public Task InstallReleaseAsync(string version, CancellationToken cancel = default) =>
        (ReleaseHandler ?? throw new InvalidOperationException("no release handler is attached to this node: it runs outside a release"))
            .InstallAsync(this, version, cancel);

    /// <summary>
    /// Runs <paramref name="application"/> on a new node until SIGTERM or Ctrl-C (or <paramref name="cancel"/>), then
    /// stops it and returns 0: the <c>Program.cs</c> of an app for <c>dotnet run</c>. In a release the launcher starts the
    /// application on its own node and <c>Main</c> is not called. The application is named after its assembly and the
    /// release version is the assembly's informational version.
    /// </summary>
    public static async Task<int> RunAsync(
        IApplication application, string name, IReadOnlyList<string> args, CancellationToken cancel = default)
    {
        var assembly = application.GetType().Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var node = new Node(name, version);
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // the process exits once the applications have stopped, not now
            stop.TrySetResult();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var cancelled = cancel.Register(() => stop.TrySetResult());
        node.StartApplication(assembly.GetName().Name!, application, args);
        await Task.WhenAny(stop.Task, node.Stopped).ConfigureAwait(false);
        await node.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return 0;
    }
}
