using System.Diagnostics;
using System.Reflection;

namespace RelTool.Boot.Hosting;

/// <summary>
/// One event of the hosting library's DiagnosticListener ("Microsoft.Extensions.Hosting"), as the node watches it with
/// no app code: "HostBuilding" carries an IHostBuilder whose Configure* callbacks still run (etc/ configuration,
/// Kestrel's sockets), "HostBuilt" the IHost (readiness). Test factories and design-time tools use the same hook.
/// Subscribe before the app's Main runs; disposing stops watching.
/// </summary>
public sealed class HostingEvents : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public const string ListenerName = "Microsoft.Extensions.Hosting";
    public const string HostBuilding = "HostBuilding";
    public const string HostBuilt = "HostBuilt";

    /// <summary>ASP.NET Core's own listener: "Microsoft.AspNetCore.Hosting.BeginRequest" before a request enters the app,
    /// "Microsoft.AspNetCore.Hosting.EndRequest" once it went through it (payloads carry the HttpContext).</summary>
    public const string AspNetCoreListenerName = "Microsoft.AspNetCore";
    public const string BeginRequest = "Microsoft.AspNetCore.Hosting.BeginRequest";
    public const string EndRequest = "Microsoft.AspNetCore.Hosting.EndRequest";

    private readonly string listenerName;
    private readonly string eventName;
    private readonly Action<object> handler;
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock gate = new();

    private HostingEvents(string listenerName, string eventName, Action<object> handler)
    {
        this.listenerName = listenerName;
        this.eventName = eventName;
        this.handler = handler;
    }

    /// <summary>Calls <paramref name="handler"/> with the payload of every <paramref name="eventName"/> from now on.</summary>
    public static HostingEvents Watch(string eventName, Action<object> handler, string listenerName = ListenerName)
    {
        var watcher = new HostingEvents(listenerName, eventName, handler);
        watcher.Track(DiagnosticListener.AllListeners.Subscribe(watcher));
        return watcher;
    }

    /// <summary>A method of the payload's IHostBuilder (by reflection: the app's load context owns the hosting types).</summary>
    public static MethodInfo? HostBuilderMethod(object builder, string name) =>
        builder.GetType().GetInterfaces().FirstOrDefault(i => i.FullName == "Microsoft.Extensions.Hosting.IHostBuilder")?.GetMethod(name);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == listenerName) Track(listener.Subscribe(this, name => name == eventName));
    }

    public void OnNext(KeyValuePair<string, object?> hostingEvent)
    {
        if (hostingEvent.Key == eventName && hostingEvent.Value is { } payload) handler(payload);
    }

    private void Track(IDisposable subscription)
    {
        lock (gate) subscriptions.Add(subscription);
    }

    public void OnError(Exception error) { }

    public void OnCompleted() { }

    public void Dispose()
    {
        List<IDisposable> toDispose;
        lock (gate)
        {
            toDispose = [.. subscriptions];
            subscriptions.Clear();
        }
        foreach (var s in toDispose) s.Dispose();
    }
}
