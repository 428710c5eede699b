using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Formats;

/// <summary>The simple names of the assemblies an assembly references, read from its metadata; nothing is loaded.
/// `release` reads the entry's (<see cref="Layout.ReleaseLayout.EntryOnRuntimeProperty"/>); the launcher, for a release
/// that does not record it.</summary>
public static class AssemblyReferences
{
    public static IReadOnlySet<string> Of(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!pe.HasMetadata) return names;
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences) names.Add(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
        return names;
    }
}
