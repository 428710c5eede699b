using System.Reflection.Metadata;
using System.Runtime.Loader;
using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;
using System.Reflection.PortableExecutable;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>Whether an entry assembly is written against RelTool.Runtime (and so is started through a Node).</summary>
public static class RuntimeApp
{
    public const string RuntimeAssemblyName = "RelTool.Runtime";

    /// <summary>True when the assembly references RelTool.Runtime; read from metadata, nothing is loaded.</summary>
    public static bool References(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return false;
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Any(h => metadata.GetString(metadata.GetAssemblyReference(h).Name) == RuntimeAssemblyName);
    }

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
