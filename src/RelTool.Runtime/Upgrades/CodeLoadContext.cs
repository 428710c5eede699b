using System.Reflection;
using System.Runtime.Loader;

namespace RelTool.Runtime.Upgrades;

/// <summary>
/// A collectible load context for one version of an application's code. It loads the assemblies of its map and
/// leaves every other name (the BCL and <c>RelTool.Runtime</c>) to the default context, so that the runtime's
/// types have one identity across versions.
/// </summary>
public sealed class CodeLoadContext : AssemblyLoadContext
{
    private static readonly string s_runtimeName = typeof(CodeLoadContext).Assembly.GetName().Name!;
    private readonly IReadOnlyDictionary<string, string> _assemblyPaths;

    /// <param name="name">For diagnostics, e.g. <c>kv-0.2.0</c>.</param>
    /// <param name="assemblyPaths">Assembly simple name → file, as the boot file maps them.</param>
    public CodeLoadContext(string name, IReadOnlyDictionary<string, string> assemblyPaths)
        : base(name, isCollectible: true)
    {
        _assemblyPaths = assemblyPaths;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name is null || name == s_runtimeName)
        {
            return null;
        }

        return _assemblyPaths.TryGetValue(name, out var path) ? LoadFromAssemblyPath(path) : null;
    }
}
