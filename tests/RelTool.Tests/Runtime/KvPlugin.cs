using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RelTool.Runtime;
using RelTool.Runtime.Hosting;

namespace RelTool.Tests.Runtime;

/// <summary>
/// Loads versions of the KV plugin into collectible contexts and hands out only weak references to them.
/// Every method that touches plugin objects is NoInlining and synchronous (DESIGN §7): an async test method
/// would keep them alive in its state machine and the context could never unload.
/// </summary>
internal static class KvPlugin
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference Load(string contextName, string source)
    {
        var context = new CodeLoadContext(contextName, new Dictionary<string, string>());
        using var image = new MemoryStream(PluginCompiler.Compile(KvPluginSource.AssemblyName, source));
        context.LoadFromStream(image);
        return new WeakReference(context, trackResurrection: true);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ServerRef Start(Node node, WeakReference context, string name)
    {
        var assembly = Context(context).Assemblies.Single();
        node.Code.MakeCurrent(assembly);
        return node.StartServer(node.Code.Create<Server>(KvPluginSource.AssemblyName, KvPluginSource.ServerType), name: name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void StartApplication(Node node, WeakReference context)
    {
        var assembly = Context(context).Assemblies.Single();
        node.Code.MakeCurrent(assembly);
        node.StartApplication("kv", Node.CreateApplication(assembly));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<CodeChangeReport> Upgrade(Node node, WeakReference context, OldVsn oldVsn, object? extra = null) =>
        node.UpgradeAssemblyAsync(KvPluginSource.AssemblyName, Context(context).Assemblies.Single(), oldVsn, extra);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<IReadOnlyList<ServerCodeChange>> ChangeCode(Node node, WeakReference context, OldVsn oldVsn) =>
        node.ChangeCodeAsync(KvPluginSource.AssemblyName, Context(context).Assemblies.Single(), oldVsn);

    /// <summary>The held path: suspend, code change and resume by the server's own worker (RelupRunner.RunHeld).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<(TimeSpan Pause, ServerCodeChange Change)> UpgradeHeld(Node node, ServerRef server, WeakReference context, OldVsn oldVsn, object? extra = null)
    {
        ServerCodeChange? change = null;
        var newCode = Context(context).Assemblies.Single();
        var pause = await node.RunSuspendedAsync(server, held => change = held.ChangeCode(newCode, oldVsn, extra));
        return (pause, change!);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Server NewServer(WeakReference context) =>
        (Server)Activator.CreateInstance(Context(context).Assemblies.Single().GetType(KvPluginSource.ServerType)!)!;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool RunsIn(ServerRef server, WeakReference context) =>
        server.ImplementationType is { } type && AssemblyLoadContext.GetLoadContext(type.Assembly) == Context(context);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool SharesRuntimeWithTests(ServerRef server) =>
        server.ImplementationType!.BaseType!.BaseType == typeof(Server);

    /// <summary>What <see cref="CodeWarmUp.PrepareServers"/> compiles of the plugin, as "Type.Method" names.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlySet<string> Prepared(WeakReference context) =>
        CodeWarmUp.PreparedServers(Context(context).Assemblies.Single()).Select(m => $"{m.DeclaringType?.Name}.{m.Name}").ToHashSet();

    /// <summary><see cref="Unloading.Begin"/> of the plugin's context.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference BeginUnload(WeakReference context) => Unloading.Begin(Context(context));

    /// <summary><see cref="BeginUnload"/>, after the plugin's code ran (an instance made and dropped).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference RunAndBeginUnload(WeakReference context)
    {
        _ = NewServer(context);
        return BeginUnload(context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Unload(WeakReference context) =>
        // A collectible context that nothing uses any more may already have been collected (and so unloaded).
        (context.Target as AssemblyLoadContext)?.Unload();

    private static AssemblyLoadContext Context(WeakReference context) =>
        (AssemblyLoadContext)(context.Target ?? throw new InvalidOperationException("the plugin context is gone"));
}
