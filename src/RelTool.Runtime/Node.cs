using System.Reflection;
using RelTool.Runtime.Applications;
using RelTool.Runtime.Servers;
using RelTool.Runtime.Supervision;
using RelTool.Runtime.Upgrades;

namespace RelTool.Runtime;

/// <summary>
/// The running node: its release, servers, code and applications. The launcher creates one, starts the
/// release's applications on it and runs upgrade instructions against it.
/// </summary>
public sealed class Node(string releaseName, string releaseVersion)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly List<RunningApplication> _applications = [];
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ReleaseName { get; } = releaseName;

    /// <summary>The release the node runs; the release handler sets it once an upgrade is installed.</summary>
    public string ReleaseVersion { get; set; } = releaseVersion;

    public ServerRegistry Registry { get; } = new();

    public CodeServer Code { get; } = new();

    /// <summary>Set by the launcher; used by <see cref="InstallReleaseAsync"/>.</summary>
    public IReleaseHandler? ReleaseHandler { get; set; }

    /// <summary>Completes when <see cref="StopAsync"/> has stopped every application.</summary>
    public Task Stopped => _stopped.Task;

    public IReadOnlyList<RunningApplication> Applications
    {
        get
        {
            lock (_applications)
            {
                return _applications.ToArray();
            }
        }
    }

    public ServerRef StartServer(Server implementation, object? args = null, string? name = null) =>
        Registry.Start(implementation, args, name);

    /// <summary>
    /// A child spec that starts the server type <paramref name="typeName"/> from the current code of
    /// <paramref name="assemblyName"/> on each (re)start, so that restarts after an upgrade run the new code
    /// and the spec keeps no old code alive. <paramref name="args"/> should be of shared types.
    /// </summary>
    public ChildSpec ServerChild(
        string id, string assemblyName, string typeName, object? args = null, string? name = null,
        RestartType restart = RestartType.Permanent) =>
        new(id, () => StartServer(Code.Create<Server>(assemblyName, typeName), args, name), restart);

    /// <summary>The one public, concrete <see cref="IApplication"/> of an assembly, created.</summary>
    public static IApplication CreateApplication(Assembly assembly)
    {
        var candidates = assembly.GetExportedTypes()
            .Where(t => typeof(IApplication).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToArray();
        return candidates.Length switch
        {
            1 => (IApplication)Activator.CreateInstance(candidates[0])!,
            0 => throw new InvalidOperationException($"{assembly.GetName().Name} has no public IApplication"),
            _ => throw new InvalidOperationException(
                $"{assembly.GetName().Name} has several IApplication types: {string.Join(", ", candidates.Select(t => t.FullName))}"),
        };
    }

    public RunningApplication StartApplication(string name, IApplication callback, IReadOnlyList<string>? args = null)
    {
        lock (_applications)
        {
            if (_applications.Any(a => a.Name == name))
            {
                throw new InvalidOperationException($"application {name} is already started");
            }
        }

        var running = new RunningApplication(name, callback, callback.Start(this, args ?? []));
        lock (_applications)
        {
            _applications.Add(running);
        }

        return running;
    }

    public async Task StopApplicationAsync(string name, TimeSpan timeout)
    {
        RunningApplication? running;
        lock (_applications)
        {
            running = _applications.FirstOrDefault(a => a.Name == name);
            if (running is not null)
            {
                _applications.Remove(running);
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
        foreach (var application in Applications.Reverse())
        {
            await StopApplicationAsync(application.Name, timeout).ConfigureAwait(false);
        }

        _stopped.TrySetResult();
    }

    public Task InstallReleaseAsync(string version, CancellationToken cancel = default) =>
        (ReleaseHandler ?? throw new InvalidOperationException("no release handler is attached to this node"))
            .InstallAsync(this, version, cancel);

    /// <summary>Relup <c>{suspend, [Assembly]}</c>.</summary>
    public Task<IReadOnlyList<ServerRef>> SuspendAsync(string assembly, TimeSpan? timeout = null) =>
        CodeSwap.SuspendAsync(Registry, assembly, timeout ?? DefaultTimeout);

    /// <summary>
    /// Relup <c>{code_change, up|down, [{Assembly, Extra}]}</c> after the new code was loaded: the suspended servers
    /// of <paramref name="assembly"/> and the application callbacks it holds move to <paramref name="newCode"/>,
    /// which becomes the current code for the assembly's name.
    /// </summary>
    public async Task<IReadOnlyList<ServerCodeChange>> ChangeCodeAsync(
        string assembly, Assembly newCode, OldVsn oldVsn, object? extra = null, TimeSpan? timeout = null)
    {
        Code.MakeCurrent(newCode);
        ReplaceApplicationCallbacks(assembly, newCode);
        return await CodeSwap.ChangeCodeAsync(Registry, assembly, newCode, oldVsn, extra, timeout ?? DefaultTimeout)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Relup <c>{load, {Assembly, _, _}}</c>: <paramref name="newCode"/> becomes the current code for its name and the
    /// application callbacks it holds move to it. Running servers keep their code until a code change.
    /// </summary>
    public void LoadCode(Assembly newCode)
    {
        Code.MakeCurrent(newCode);
        ReplaceApplicationCallbacks(newCode.GetName().Name!, newCode);
    }

    /// <summary>Relup <c>{resume, [Assembly]}</c>; returns how long each server was paused.</summary>
    public Task<IReadOnlyList<(ServerRef Server, TimeSpan Pause)>> ResumeAsync(string assembly, TimeSpan? timeout = null) =>
        CodeSwap.ResumeAsync(Registry, assembly, timeout ?? DefaultTimeout);

    /// <summary>Suspend, code change and resume in one go, timing the pause.</summary>
    public async Task<CodeChangeReport> UpgradeAssemblyAsync(
        string assembly, Assembly newCode, OldVsn oldVsn, object? extra = null, TimeSpan? timeout = null)
    {
        Code.MakeCurrent(newCode);
        ReplaceApplicationCallbacks(assembly, newCode);
        return await CodeSwap.UpgradeAsync(Registry, assembly, newCode, oldVsn, extra, timeout ?? DefaultTimeout)
            .ConfigureAwait(false);
    }

    private void ReplaceApplicationCallbacks(string assembly, Assembly newCode)
    {
        foreach (var application in Applications)
        {
            var type = application.Callback.GetType();
            if (type.Assembly.GetName().Name == assembly && newCode.GetType(type.FullName!) is { } next)
            {
                application.Callback = (IApplication)Activator.CreateInstance(next)!;
            }
        }
    }
}
