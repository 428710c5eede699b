using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using RelTool.Boot.Control;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Warms a successor's app before it takes over (the control command <see cref="Command"/>): the first requests
/// through a fresh ASP.NET Core app compile its request pipeline (routing, endpoints, serializers), which made clients
/// wait for the new node right after the old one stopped accepting. Both nodes accept on the shared sockets until the
/// hand-over, so the successor sends requests to its own address until its app has finished <see cref="Wanted"/> of
/// them — counted by ASP.NET Core's "EndRequest" diagnostic event in this process, whichever node a request reached.
/// </summary>
public static class WarmUp
{
    public const string Command = "warm-up";

    /// <summary>Requests through this node's app before it takes over: the first few compile the pipeline.</summary>
    public const int Wanted = 10;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    /// <summary>warm-up [URL]: requests to URL (default: <paramref name="defaultUrl"/>; GET, a new connection each) until the app served <see cref="Wanted"/>; replies "served N sent M ms T".</summary>
    public static ControlOutcome Handle(IReadOnlyList<string> args, Func<string?> defaultUrl)
    {
        var text = args.Count > 0 ? args[0] : defaultUrl();
        if (text is null) return new(ControlReply.Error("failed", "this node serves on no address to warm up"));
        if (args.Count > 1 || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return new(ControlReply.Error("bad-request", "usage: warm-up [http://HOST:PORT/PATH]"));
        var result = Run(url, Wanted, Budget);
        return new(ControlReply.Success(string.Create(CultureInfo.InvariantCulture,
            $"{result.Served} requests through the app in {result.Elapsed.TotalMilliseconds:0} ms ({result.Sent} sent to {url})")));
    }

    /// <summary>The URL to warm up: the release's health URL when it is HTTP, else the root of the first address this node serves.</summary>
    public static string? UrlFor(string? healthUrl, IReadOnlyList<IPEndPoint> endpoints)
    {
        if (healthUrl is not null && (healthUrl.StartsWith("http://", StringComparison.Ordinal) || healthUrl.StartsWith("https://", StringComparison.Ordinal)))
            return healthUrl;
        if (endpoints.Count == 0) return null;
        var endpoint = endpoints[0];
        // A wildcard address is reached through loopback of the same family.
        var address = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endpoint.Address;
        return $"http://{new IPEndPoint(address, endpoint.Port)}/";
    }

    public readonly record struct Outcome(int Served, int Sent, TimeSpan Elapsed);

    public static Outcome Run(Uri url, int wanted, TimeSpan budget)
    {
        var served = 0;
        using var watch = HostingEvents.Watch(HostingEvents.EndRequest, _ => Interlocked.Increment(ref served), HostingEvents.AspNetCoreListenerName);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var failuresInARow = 0;
        while (Volatile.Read(ref served) < wanted && clock.Elapsed < budget && failuresInARow < 3)
        {
            sent++;
            failuresInARow = Get(url) ? 0 : failuresInARow + 1;
        }
        return new(Volatile.Read(ref served), sent, clock.Elapsed);
    }

    /// <summary>One GET on a new connection, read to the end; false when it failed (any answer, even 404, counts: it went through the app).</summary>
    private static bool Get(Uri url)
    {
        try
        {
            using var client = new TcpClient(url.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
            using var timeout = new CancellationTokenSource(RequestTimeout);
            client.ConnectAsync(url.DnsSafeHost, url.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
            Stream stream = client.GetStream();
            if (url.Scheme == "https")
            {
                // Our own node's certificate: whatever it is, the request only has to reach the app.
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, (_, _, _, _) => true);
                tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = url.Host }, timeout.Token).GetAwaiter().GetResult();
                stream = tls;
            }
            using (stream)
            {
                var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUser-Agent: reltool-warm-up\r\nConnection: close\r\n\r\n";
                stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token).AsTask().GetAwaiter().GetResult();
                var buffer = new byte[4096];
                var total = 0;
                int read;
                while ((read = stream.ReadAsync(buffer, timeout.Token).AsTask().GetAwaiter().GetResult()) > 0) total += read;
                return total > 0;
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }
}
