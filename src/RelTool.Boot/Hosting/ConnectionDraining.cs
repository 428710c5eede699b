using System.Reflection;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Moves keep-alive clients off a node that handed its sockets over, without an error: once <see cref="Start"/> was
/// called, every response of the app carries `Connection: close`, so a client's next request on a kept-alive
/// connection is answered and the connection then closed by the server; the client opens a new one, which the new node
/// accepts. Kestrel's graceful shutdown closes idle connections instead, and a client that sends its next request at
/// that instant sees the connection reset ("Broken pipe"; seen once in 24,135 requests). The header is set where
/// ASP.NET Core announces each request ("BeginRequest" on its DiagnosticListener, before the app's middleware runs),
/// watched only from <see cref="Start"/> on: no app code, and nothing added to the app's pipeline or start-up (an
/// IStartupFilter needs a DispatchProxy and compiled expression trees: Reflection.Emit on every node's start).
/// Reached by reflection, as the launcher does not reference ASP.NET Core.
/// </summary>
public static class ConnectionDraining
{
    private static int started;
    private static HostingEvents? requests;

    public static bool IsDraining => Volatile.Read(ref started) == 1;

    /// <summary>From now on every response closes its connection.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 1) return;
        requests = HostingEvents.Watch(HostingEvents.BeginRequest, payload => CloseAfterResponse(payload), HostingEvents.AspNetCoreListenerName);
    }

    /// <summary>HTTP/2 and HTTP/3 have no Connection header (Kestrel's graceful shutdown sends them GOAWAY).</summary>
    public static bool IsHttp1(string protocol) => protocol.StartsWith("HTTP/1.", StringComparison.Ordinal);

    /// <summary>context.Response.Headers["Connection"] = "close" for an HTTP/1.x request (BeginRequest's payload carries the HttpContext).</summary>
    private static void CloseAfterResponse(object payload)
    {
        if (Member(payload, "httpContext") is not { } context) return;
        if (Member(Member(context, "Request"), "Protocol") is not string protocol || !IsHttp1(protocol)) return;
        if (Member(context, "Response") is not { } response || response.GetType().GetProperty("Headers") is not { } headersProperty) return;
        // The indexer of the property's type (IHeaderDictionary): Kestrel's header classes implement it explicitly.
        var indexer = headersProperty.PropertyType.GetProperties()
            .FirstOrDefault(p => p.GetIndexParameters() is [{ ParameterType: var key }] && key == typeof(string));
        // StringValues, built from its string constructor.
        indexer?.SetValue(headersProperty.GetValue(response), Activator.CreateInstance(indexer.PropertyType, "close"), ["Connection"]);
    }

    private static object? Member(object? target, string name) => target?.GetType().GetProperty(name)?.GetValue(target);
}
