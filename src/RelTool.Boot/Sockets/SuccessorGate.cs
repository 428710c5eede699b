using System.Net;
using System.Net.Sockets;

namespace RelTool.Boot.Sockets;

/// <summary>
/// Keeps a successor's Kestrel off the shared listening sockets until it takes over (<see cref="Open"/>). Until then
/// the node it replaces accepts every client connection, and the successor's app is warmed up through a private
/// loopback listener per shared TCP address, which only the warm-up knows (<see cref="PrivateUrl"/>). Without the
/// gate both nodes accepted as soon as the successor's app started, and the clients whose connections the cold app
/// took waited while it compiled its request pipeline: the longest gap of a client opening a connection per request
/// was 0.2–0.5 s, where it falls to that of the hand-over itself.
/// </summary>
public sealed class SuccessorGate
{
    private readonly CancellationTokenSource opening = new();
    private readonly Lock sync = new();
    private readonly List<(int SharedPort, IPEndPoint Private)> privates = [];
    private readonly HashSet<EndPoint> privateRequests = new(ReferenceEqualityComparer.Instance);

    public bool IsOpen => opening.IsCancellationRequested;

    /// <summary>Cancelled when the gate opens: a pending accept on a private listener ends then.</summary>
    public CancellationToken Opening => opening.Token;

    /// <summary>From now on the successor accepts on the shared sockets (the take-over), and its private listeners close.</summary>
    public void Open() => opening.Cancel();

    /// <summary>The endpoint to bind a private listener for <paramref name="shared"/> on: loopback of the same family, any free port.</summary>
    public EndPoint PrivateRequest(IPEndPoint shared)
    {
        var endpoint = new IPEndPoint(shared.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0);
        lock (sync) privateRequests.Add(endpoint);
        return endpoint;
    }

    /// <summary>True for an endpoint made by <see cref="PrivateRequest"/>: its socket is the successor's own, never handed over.</summary>
    public bool IsPrivate(EndPoint endpoint)
    {
        lock (sync) return privateRequests.Contains(endpoint);
    }

    public void AddPrivate(IPEndPoint shared, IPEndPoint bound)
    {
        lock (sync) privates.Add((shared.Port, bound));
    }

    /// <summary>
    /// <paramref name="url"/> with its host and port replaced by the private listener of the shared address on its
    /// port (or, unless <paramref name="samePortOnly"/>, of the first one when none is on that port: any of the app's
    /// endpoints warms it up); the URL as given when there is no such private listener.
    /// </summary>
    public string PrivateUrl(string url, bool samePortOnly = false)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
        IPEndPoint? target;
        lock (sync)
            target = privates.FirstOrDefault(p => p.SharedPort == uri.Port).Private ?? (samePortOnly ? null : privates.FirstOrDefault().Private);
        if (target is null) return url;
        return new UriBuilder(uri) { Host = target.Address.ToString(), Port = target.Port }.Uri.ToString();
    }
}
