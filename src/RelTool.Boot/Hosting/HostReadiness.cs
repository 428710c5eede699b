using System.Diagnostics;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Whether the app serves yet, for `start` to wait on. An app built on the .NET generic host (ASP.NET Core, worker
/// services) is ready when its host raises ApplicationStarted — servers listen by then; any other app is ready once
/// its entry point runs. The host is found through the "HostBuilt" event the hosting library writes to its
/// DiagnosticListener (the same hook test factories and design-time tools use), so the app needs no code for it.
/// </summary>
public sealed class HostReadiness : IDisposable
{
    /// <summary>References that mean the entry point builds a generic host (minimal APIs, HostBuilder, HostApplicationBuilder).</summary>
    private static readonly HashSet<string> HostingAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Microsoft.Extensions.Hosting",
        "Microsoft.Extensions.Hosting.Abstractions",
        "Microsoft.AspNetCore",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Hosting.Abstractions",
    };

    private HostingEvents? events;
    private readonly Lock gate = new();
    private readonly List<Action> whenReady = [];
    private volatile bool ready;

    private HostReadiness(bool ready) => this.ready = ready;

    public bool IsReady => ready;

    /// <summary>Ready now: the app has no generic host to wait for.</summary>
    public static HostReadiness Immediately() => new(ready: true);

    /// <summary>Ready when the host built by the entry point raises ApplicationStarted; subscribe before Main runs.</summary>
    public static HostReadiness WhenHostStarts()
    {
        var readiness = new HostReadiness(ready: false);
        readiness.events = HostingEvents.Watch(HostingEvents.HostBuilt, readiness.WhenStarted);
        return readiness;
    }

    /// <summary>Waits for a host when the (loaded, not yet run) entry assembly references the generic host or ASP.NET Core.</summary>
    public static HostReadiness For(System.Reflection.Assembly entry) =>
        entry.GetReferencedAssemblies().Any(r => r.Name is { } name && HostingAssemblies.Contains(name)) ? WhenHostStarts() : Immediately();

    /// <summary>host.Services.GetService(IHostApplicationLifetime).ApplicationStarted, by reflection: the app's context owns those types.</summary>
    private void WhenStarted(object host)
    {
        var hostInterface = host.GetType().GetInterfaces().FirstOrDefault(i => i.FullName == "Microsoft.Extensions.Hosting.IHost");
        var services = hostInterface?.GetProperty("Services")?.GetValue(host) as IServiceProvider;
        var lifetimeType = hostInterface?.Assembly.GetType("Microsoft.Extensions.Hosting.IHostApplicationLifetime");
        var lifetime = lifetimeType is null ? null : services?.GetService(lifetimeType);
        if (lifetime is null || lifetimeType!.GetProperty("ApplicationStarted")?.GetValue(lifetime) is not CancellationToken started)
        {
            // A host we cannot read: it was built, which is as close as we can get.
            MarkReady();
            return;
        }
        started.Register(MarkReady);
    }

    /// <summary>Runs <paramref name="action"/> once the app is ready (now, when it is already).</summary>
    public void WhenReady(Action action)
    {
        lock (gate)
        {
            if (!ready)
            {
                whenReady.Add(action);
                return;
            }
        }
        action();
    }

    private void MarkReady()
    {
        List<Action> actions;
        lock (gate)
        {
            ready = true;
            actions = [.. whenReady];
            whenReady.Clear();
        }
        foreach (var action in actions) action();
        Dispose();
    }

    public void Dispose() => events?.Dispose();
}
