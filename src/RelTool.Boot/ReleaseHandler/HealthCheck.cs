using System.Net.Sockets;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// Whether a freshly started node serves (asked by the install command, and by a successor node of its own private
/// listener before it takes over): the URL in RELTOOL_HEALTH_URL, else the first line of
/// releases/&lt;vsn&gt;/health_url — <c>http(s)://…</c> must answer 2xx, <c>tcp://host:port</c> must accept a
/// connection; <c>${NAME}</c> in it is replaced by the environment variable NAME (a port chosen at deploy time), as the
/// node sees it.
/// Without a URL the node must still answer ping after <see cref="OverlapRequest.SettleTime"/>.
/// </summary>
public static class HealthCheck
{
    public const string UrlVariable = "RELTOOL_HEALTH_URL";

    /// <summary>The URL to probe for <paramref name="version"/>, null when there is none; fails when it names an unset variable.</summary>
    /// <param name="nodeEnvironment">The environment the node will run with (the old node's, on a restart install):
    /// `${NAME}` takes its value from there first, so the probe asks the port the node listens on.</param>
    public static string? UrlFor(ReleaseRoot root, string version, IReadOnlyDictionary<string, string>? nodeEnvironment = null)
    {
        string? Lookup(string name) =>
            nodeEnvironment?.GetValueOrDefault(name) is { Length: > 0 } value ? value : Environment.GetEnvironmentVariable(name);
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url) return Expand(url, UrlVariable, Lookup);
        var file = root.HealthUrlPath(version);
        return HealthUrl.Read(file) is { } line ? Expand(line, file, Lookup) : null;
    }

    private static string Expand(string url, string source, Func<string, string?> lookup) => Variable.Replace(url, m =>
        lookup(m.Groups[1].Value) is { Length: > 0 } value ? value
            : throw new LauncherException(ExitCodes.Failure, $"the health URL {url} (from {source}) needs ${{{m.Groups[1].Value}}}, which is not set"));

    private static readonly System.Text.RegularExpressions.Regex Variable = new(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}");

    /// <summary>Null when the node serves <paramref name="url"/> (or, without one, still answers ping) within <paramref name="timeout"/>, else why not.</summary>
    public static string? Wait(ReleaseRoot root, string version, string? url, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        if (url is null)
        {
            Thread.Sleep(OverlapRequest.SettleTime);
            return RunningNode.TryQuery(root) is { } node && node.Version == version ? null : $"{version} stopped answering ping right after it started";
        }
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = Probe(url);
            if (last is null) return null;
            if (RunningNode.TryQuery(root) is null) return $"{version} exited before {url} answered ({last})";
            Thread.Sleep(200);
        }
        return $"{url} did not answer within {timeout.TotalSeconds:0.#} s ({last})";
    }

    /// <summary>Null when <paramref name="url"/> answers (2xx, or a TCP connection), else why not.</summary>
    /// <param name="anyCertificate">For a node probing itself on loopback (its private listener): the certificate is
    /// the service's, for another name; the URL as configured is probed with the usual checks after the take-over.</param>
    public static string? Probe(string url, bool anyCertificate = false)
    {
        try
        {
            var uri = new Uri(url);
            if (uri.Scheme == "tcp")
            {
                using var client = new TcpClient();
                client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromSeconds(2));
                return client.Connected ? null : "no connection";
            }
            using var handler = new HttpClientHandler();
            if (anyCertificate) handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
            using var response = http.GetAsync(uri).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or AggregateException or TaskCanceledException or UriFormatException)
        {
            return (e is AggregateException { InnerException: { } inner } ? inner : e).Message;
        }
    }
}
