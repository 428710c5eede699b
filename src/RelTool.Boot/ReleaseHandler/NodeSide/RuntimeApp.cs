using System.Runtime.Loader;
using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>Whether an entry assembly is written against RelTool.Runtime (and so is started through a Node).</summary>
public static class RuntimeApp
{
    public const string RuntimeAssemblyName = ReleaseLayout.RuntimeApplication;

    /// <summary>True when an assembly with these references (<see cref="Hosting.AssemblyReferences"/>) is written against RelTool.Runtime.</summary>
    public static bool References(IReadOnlySet<string> assemblyReferences) => assemblyReferences.Contains(RuntimeAssemblyName);

    /// <summary>
    /// The launcher is built against RelTool.Runtime but does not ship it: the default context loads the release's
    /// own copy (lib/RelTool.Runtime-&lt;Vsn&gt;/), once, when the launcher first needs it.
    /// </summary>
    public static void ResolveFromRelease(ReleaseRoot root, BootFile boot)
    {
        var entry = boot.Assemblies.FirstOrDefault(a => a.Culture.Length == 0 && a.Name == RuntimeAssemblyName)
            ?? throw new LauncherException(ExitCodes.Failure, $"the entry assembly uses {RuntimeAssemblyName}, but start.boot lists no {RuntimeAssemblyName} assembly");
        var path = root.Resolve(entry.Path);
        AssemblyLoadContext.Default.Resolving += (context, name) => name.Name == RuntimeAssemblyName ? context.LoadFromAssemblyPath(path) : null;
    }
}
