using System.Linq.Expressions;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.Loader;
using RelTool.Boot.Hosting;

namespace RelTool.Boot.Sockets;

/// <summary>
/// Makes Kestrel serve on sockets the node owns, with no app code. Kestrel's socket transport creates every listening
/// socket — for ASPNETCORE_URLS, `urls`, Kestrel:Endpoints, UseUrls and Listen* alike — through
/// SocketTransportOptions.CreateBoundListenSocket. The hosting library raises "HostBuilding" on its DiagnosticListener
/// with an IHostBuilder whose ConfigureServices still runs, so the node adds a post-configuration of those options
/// there that routes the call through <see cref="ListenSockets.Bind"/>. Everything is reached by reflection: the
/// launcher does not reference ASP.NET Core (most releases do not use it).
/// </summary>
public sealed class KestrelSockets : IDisposable
{
    private const string OptionsTypeName = "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions";
    private const string TransportAssembly = "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets";

    private readonly ListenSockets sockets;
    private HostingEvents? events;

    private KestrelSockets(ListenSockets sockets) => this.sockets = sockets;

    /// <summary>Watches for hosts being built from now on; subscribe before the app's Main runs.</summary>
    public static KestrelSockets Watch(ListenSockets sockets)
    {
        var watcher = new KestrelSockets(sockets);
        watcher.events = HostingEvents.Watch(HostingEvents.HostBuilding, watcher.OnHostBuilding);
        return watcher;
    }

    private void OnHostBuilding(object builder)
    {
        try
        {
            AddConfiguration(builder);
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or TargetInvocationException or InvalidOperationException or ArgumentException or MissingMemberException)
        {
            sockets.Refuse($"the node could not configure Kestrel's sockets ({e.GetBaseException().Message})");
        }
    }

    /// <summary>builder.ConfigureServices((_, services) => services.AddSingleton&lt;IPostConfigureOptions&lt;SocketTransportOptions&gt;&gt;(…)).</summary>
    private void AddConfiguration(object builder)
    {
        var configureServices = HostingEvents.HostBuilderMethod(builder, "ConfigureServices");
        if (configureServices is null) return;
        var callbackType = configureServices.GetParameters()[0].ParameterType;
        var context = Expression.Parameter(callbackType.GetGenericArguments()[0], "context");
        var services = Expression.Parameter(callbackType.GetGenericArguments()[1], "services");
        var callback = Expression.Lambda(callbackType,
            Expression.Call(Expression.Constant(this), typeof(KestrelSockets).GetMethod(nameof(AddTo), BindingFlags.NonPublic | BindingFlags.Instance)!,
                Expression.Convert(services, typeof(object))),
            context, services).Compile();
        configureServices.Invoke(builder, [callback]);
    }

    private void AddTo(object services)
    {
        var load = AssemblyLoadContext.GetLoadContext(services.GetType().Assembly) ?? AssemblyLoadContext.Default;
        Type? optionsType;
        try
        {
            optionsType = load.LoadFromAssemblyName(new AssemblyName(TransportAssembly)).GetType(OptionsTypeName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return; // no Kestrel in this app: nothing of ours to configure
        }
        if (optionsType is null) return;
        var optionsAssembly = load.LoadFromAssemblyName(new AssemblyName("Microsoft.Extensions.Options"));
        var postConfigure = optionsAssembly.GetType("Microsoft.Extensions.Options.PostConfigureOptions`1")!.MakeGenericType(optionsType);
        var serviceType = optionsAssembly.GetType("Microsoft.Extensions.Options.IPostConfigureOptions`1")!.MakeGenericType(optionsType);
        var options = Expression.Parameter(optionsType, "options");
        var action = Expression.Lambda(typeof(Action<>).MakeGenericType(optionsType),
            Expression.Call(Expression.Constant(this), typeof(KestrelSockets).GetMethod(nameof(Apply), BindingFlags.NonPublic | BindingFlags.Instance)!,
                Expression.Convert(options, typeof(object))),
            options).Compile();
        // Null name: every named instance of the options, as Kestrel reads the default one.
        var instance = Activator.CreateInstance(postConfigure, [null, action])!;

        var collection = services.GetType().GetInterfaces().First(i => i.FullName == "Microsoft.Extensions.DependencyInjection.IServiceCollection");
        var descriptorType = collection.Assembly.GetType("Microsoft.Extensions.DependencyInjection.ServiceDescriptor")!;
        var descriptor = Activator.CreateInstance(descriptorType, [serviceType, instance])!;
        typeof(ICollection<>).MakeGenericType(descriptorType).GetMethod("Add")!.Invoke(services, [descriptor]);
    }

    /// <summary>Routes CreateBoundListenSocket through the node, unless the app replaced it (then the node owns nothing it can hand over).</summary>
    private void Apply(object options)
    {
        var property = options.GetType().GetProperty("CreateBoundListenSocket");
        var createDefault = options.GetType().GetMethod("CreateDefaultBoundListenSocket", BindingFlags.Public | BindingFlags.Static);
        if (property is null || createDefault is null)
        {
            sockets.Refuse("this Kestrel version has no SocketTransportOptions.CreateBoundListenSocket");
            return;
        }
        var current = property.GetValue(options) as Func<EndPoint, Socket>;
        if (current is not null && current.Method != createDefault)
        {
            sockets.Refuse("the app sets SocketTransportOptions.CreateBoundListenSocket itself");
            return;
        }
        var create = createDefault.CreateDelegate<Func<EndPoint, Socket>>();
        property.SetValue(options, new Func<EndPoint, Socket>(endpoint => sockets.Bind(endpoint, create)));
    }

    public void Dispose() => events?.Dispose();
}
