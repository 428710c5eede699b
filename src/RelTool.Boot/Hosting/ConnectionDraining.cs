using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.Loader;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Moves keep-alive clients off a node that handed its sockets over, without an error: once <see cref="Start"/> was
/// called, every response of the app carries `Connection: close`, so a client's next request on a kept-alive
/// connection is answered and the connection then closed by the server; the client opens a new one, which the new node
/// accepts. Kestrel's graceful shutdown closes idle connections instead, and a client that sends its next request at
/// that instant sees the connection reset ("Broken pipe"; seen once in 24,135 requests). The node adds the middleware
/// through an IStartupFilter registered in the app's services (no app code); reached by reflection, as the launcher
/// does not reference ASP.NET Core.
/// </summary>
public static class ConnectionDraining
{
    private static volatile bool draining;

    public static bool IsDraining => draining;

    /// <summary>From now on every response closes its connection.</summary>
    public static void Start() => draining = true;

    /// <summary>HTTP/2 and HTTP/3 have no Connection header (Kestrel's graceful shutdown sends them GOAWAY).</summary>
    public static bool IsHttp1(string protocol) => protocol.StartsWith("HTTP/1.", StringComparison.Ordinal);

    /// <summary>services.AddSingleton&lt;IStartupFilter&gt;(…): the filter puts the middleware first in the app's pipeline.</summary>
    public static object? StartupFilterDescriptor(AssemblyLoadContext load, Type descriptorType)
    {
        Type? filter;
        try
        {
            filter = load.LoadFromAssemblyName(new AssemblyName("Microsoft.AspNetCore.Hosting.Abstractions")).GetType("Microsoft.AspNetCore.Hosting.IStartupFilter");
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
        if (filter is null) return null;
        return Activator.CreateInstance(descriptorType, [filter, DrainingStartupFilter.Create(filter)])!;
    }

    /// <summary>IStartupFilter: Configure(next) returns app =&gt; { app.Use(draining middleware); next(app); }.</summary>
    public class DrainingStartupFilter : DispatchProxy
    {
        public static object Create(Type filter) => Create(filter, typeof(DrainingStartupFilter));

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != "Configure" || args is not [Delegate next]) throw new NotSupportedException(targetMethod?.Name);
            var configure = targetMethod.ReturnType; // Action<IApplicationBuilder>
            var builderType = configure.GetGenericArguments()[0];
            var use = builderType.GetMethods().Single(m => m.Name == "Use" && m.GetParameters() is [{ ParameterType.IsGenericType: true }]);
            var app = Expression.Parameter(builderType, "app");
            var body = Expression.Block(
                Expression.Call(app, use, Expression.Constant(Middleware(use.GetParameters()[0].ParameterType))),
                Expression.Invoke(Expression.Constant(next, configure), app));
            return Expression.Lambda(configure, body, app).Compile();
        }

        /// <summary>next =&gt; context =&gt; { if (IsDraining &amp;&amp; HTTP/1.x) context.Response.Headers["Connection"] = "close"; return next(context); }</summary>
        private static Delegate Middleware(Type middlewareType)
        {
            var requestDelegate = middlewareType.GetGenericArguments()[0];
            var contextType = requestDelegate.GetMethod("Invoke")!.GetParameters()[0].ParameterType;
            var next = Expression.Parameter(requestDelegate, "next");
            var context = Expression.Parameter(contextType, "context");
            var headers = Expression.Property(Expression.Property(context, "Response"), "Headers");
            var indexer = headers.Type.GetProperties().Single(p => p.GetIndexParameters() is [{ ParameterType: var key }] && key == typeof(string));
            var close = Expression.Convert(Expression.Constant("close"), indexer.PropertyType); // StringValues from string
            var handler = Expression.Lambda(requestDelegate,
                Expression.Block(
                    Expression.IfThen(
                        Expression.AndAlso(Expression.Property(null, typeof(ConnectionDraining), nameof(IsDraining)),
                            Expression.Call(typeof(ConnectionDraining), nameof(IsHttp1), null, Expression.Property(Expression.Property(context, "Request"), "Protocol"))),
                        Expression.Assign(Expression.Property(headers, indexer, Expression.Constant("Connection")), close)),
                    Expression.Invoke(next, context)),
                context);
            return Expression.Lambda(middlewareType, handler, next).Compile();
        }
    }
}
