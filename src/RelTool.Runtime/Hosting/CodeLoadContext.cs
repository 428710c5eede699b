using System.Reflection;
using System.Runtime.Loader;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// A collectible load context for one version of an application's code. It loads the assemblies of its map and
/// leaves every other name (the BCL and <c>RelTool.Runtime</c>) to the default context, so that the runtime's
/// types have one identity across versions.
/// </summary>
public sealed class CodeLoadContext : AssemblyLoadContext
{
    private static readonly string RuntimeName = typeof(CodeLoadContext).Assembly.GetName().Name!;
    private readonly IReadOnlyDictionary<string, string> assemblyPaths;
    private Func<string, Assembly?>? current;

    /// <param name="name">For diagnostics, e.g. <c>kv-0.2.0</c>.</param>
    /// <param name="assemblyPaths">Assembly simple name → file, as the boot file maps them.</param>
    /// <param name="current">
    /// Names this context does not load itself but takes from the running code (an upgrade's unchanged
    /// assemblies, usually <see cref="Applications.CodeServer.Current"/>); null for none. It is dropped when the
    /// context starts unloading: an unloading context is held strongly by the runtime, and a resolver that reaches
    /// this context's own assemblies (through whatever its closure captured) would then keep them loaded for ever.
    /// </param>
    public CodeLoadContext(string name, IReadOnlyDictionary<string, string> assemblyPaths, Func<string, Assembly?>? current = null)
        : base(name, isCollectible: true)
    {
        this.assemblyPaths = assemblyPaths;
        this.current = current;
        Unloading += static context => ((CodeLoadContext)context).current = null;
    }

    /// <summary>Loads an assembly of the map into this context now (relup <c>load_object_code</c>).</summary>
    public Assembly LoadOwn(string simpleName) =>
        assemblyPaths.TryGetValue(simpleName, out var path)
            ? LoadFromAssemblyPath(path)
            : throw new FileNotFoundException($"{Name} has no file for assembly {simpleName}");

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || name == RuntimeName)
        {
            return null;
        }

        if (current?.Invoke(name) is { } running)
        {
            return running;
        }

        return assemblyPaths.TryGetValue(name, out var path) ? LoadFromAssemblyPath(path) : null;
    }
}
