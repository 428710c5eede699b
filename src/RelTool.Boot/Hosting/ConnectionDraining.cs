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

    /// <summary>The watch of BeginRequest: it lasts until the node exits.</summary>
    private static HostingEvents? requests;

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
        var path = HeaderPath.For(payload.GetType());
        if (path?.Context.GetValue(payload) is not { } context) return;
        if (path.Protocol.GetValue(path.Request.GetValue(context)) is not string protocol || !IsHttp1(protocol)) return;
        path.Indexer.SetValue(path.Headers.GetValue(path.Response.GetValue(context)), path.Close, ["Connection"]);
    }

    /// <summary>
    /// The properties from the payload to the response headers, resolved once on the declared types (HttpContext,
    /// HttpRequest, HttpResponse, IHeaderDictionary — Kestrel's header classes implement the indexer explicitly) and
    /// reused for every request while the node drains.
    /// </summary>
    private sealed record HeaderPath(Type Payload, PropertyInfo Context, PropertyInfo Request, PropertyInfo Protocol,
        PropertyInfo Response, PropertyInfo Headers, PropertyInfo Indexer, object Close)
    {
        private static HeaderPath? last;

        public static HeaderPath? For(Type payload)
        {
            if (last is { } known && known.Payload == payload) return known;
            if (payload.GetProperty("httpContext") is not { } context
                || context.PropertyType.GetProperty("Request") is not { } request || request.PropertyType.GetProperty("Protocol") is not { } protocol
                || context.PropertyType.GetProperty("Response") is not { } response || response.PropertyType.GetProperty("Headers") is not { } headers
                || headers.PropertyType.GetProperties().FirstOrDefault(p => p.GetIndexParameters() is [{ ParameterType: var key }] && key == typeof(string)) is not { } indexer)
                return null;
            // StringValues, built once from its string constructor.
            return last = new HeaderPath(payload, context, request, protocol, response, headers, indexer, Activator.CreateInstance(indexer.PropertyType, "close")!);
        }
    }
}
