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

    private const string FactoryTypeName = "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportFactory";

    private readonly ListenSockets sockets;
    private readonly SuccessorGate? gate;
    private HostingEvents? events;

    private KestrelSockets(ListenSockets sockets, SuccessorGate? gate)
    {
        this.sockets = sockets;
        this.gate = gate;
    }

    /// <summary>Watches for hosts being built from now on; subscribe before the app's Main runs.</summary>
    /// <param name="gate">A successor's: Kestrel accepts on the shared sockets only once it opens.</param>
    public static KestrelSockets Watch(ListenSockets sockets, SuccessorGate? gate = null)
    {
        var watcher = new KestrelSockets(sockets, gate);
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
        // Bound by parameter contravariance (a method of (object, object) for Action<HostBuilderContext, IServiceCollection>):
        // no expression tree to compile, which cost every node's start a System.Linq.Expressions and Reflection.Emit load.
        var callback = Delegate.CreateDelegate(configureServices.GetParameters()[0].ParameterType, this, Method(nameof(ConfigureServices)));
        configureServices.Invoke(builder, [callback]);
    }

    private void ConfigureServices(object context, object services) => AddTo(services);

    private static MethodInfo Method(string name) => typeof(KestrelSockets).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Instance)!;

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
        var action = Delegate.CreateDelegate(typeof(Action<>).MakeGenericType(optionsType), this, Method(nameof(Apply)));
        // Null name: every named instance of the options, as Kestrel reads the default one.
        var instance = Activator.CreateInstance(postConfigure, [null, action])!;

        var collection = services.GetType().GetInterfaces().First(i => i.FullName == "Microsoft.Extensions.DependencyInjection.IServiceCollection");
        var descriptorType = collection.Assembly.GetType("Microsoft.Extensions.DependencyInjection.ServiceDescriptor")!;
        var add = typeof(ICollection<>).MakeGenericType(descriptorType).GetMethod("Add")!;
        add.Invoke(services, [Activator.CreateInstance(descriptorType, [serviceType, instance])!]);
        if (gate is not null) add.Invoke(services, [GatedFactoryDescriptor(gate, load, optionsType.Assembly, descriptorType)]);
    }

    /// <summary>
    /// services.AddSingleton&lt;IConnectionListenerFactory&gt;(sp => gated(new SocketTransportFactory(…))): Kestrel tries
    /// the transports registered last first, so this one binds the app's endpoints.
    /// </summary>
    private static object GatedFactoryDescriptor(SuccessorGate gate, System.Runtime.Loader.AssemblyLoadContext load, Assembly transport, Type descriptorType)
    {
        var factoryInterface = load.LoadFromAssemblyName(new AssemblyName("Microsoft.AspNetCore.Connections.Abstractions"))
            .GetType("Microsoft.AspNetCore.Connections.IConnectionListenerFactory", throwOnError: true)!;
        var socketFactory = transport.GetType(FactoryTypeName, throwOnError: true)!;
        var activator = descriptorType.Assembly.GetType("Microsoft.Extensions.DependencyInjection.ActivatorUtilities", throwOnError: true)!
            .GetMethod("CreateInstance", [typeof(IServiceProvider), typeof(Type), typeof(object[])])!;
        var lifetime = Enum.ToObject(descriptorType.Assembly.GetType("Microsoft.Extensions.DependencyInjection.ServiceLifetime", throwOnError: true)!, 0);
        Func<IServiceProvider, object> make = provider =>
            GatedListenerFactory.Create(factoryInterface, activator.Invoke(null, [provider, socketFactory, Array.Empty<object>()])!, gate);
        return Activator.CreateInstance(descriptorType, [factoryInterface, make, lifetime])!;
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
        property.SetValue(options, new Func<EndPoint, Socket>(endpoint =>
            gate is not null && gate.IsPrivate(endpoint) ? create(endpoint) : sockets.Bind(endpoint, create)));
    }

    public void Dispose() => events?.Dispose();
}
