using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Computes <see cref="AssemblyDigest"/> from metadata alone (the assembly is never loaded).
/// Left out on purpose, because a rebuild of the same source changes them: the assembly's version,
/// AssemblyFileVersion/AssemblyInformationalVersion/AssemblyVersion attributes, the versions (and
/// hashes) of referenced assemblies, the MVID, the debug directory (PDB path, id, checksum), Win32
/// resources (the file version block) and the PE header time stamp. See docs/diff.md.
/// </summary>
public static class AssemblyDigester
{
    private static readonly HashSet<string> VersionAttributes =
    [
        "System.Reflection.AssemblyVersionAttribute",
        "System.Reflection.AssemblyFileVersionAttribute",
        "System.Reflection.AssemblyInformationalVersionAttribute",
    ];

    /// <summary>The digest of a managed assembly; null when the file is not one (a native library, content).</summary>
    public static AssemblyDigest? TryDigest(string path) => TryDigest(File.ReadAllBytes(path));

    /// <summary>The digest of a managed assembly held in memory; null when the bytes are not one.</summary>
    public static AssemblyDigest? TryDigest(byte[] image)
    {
        using var walk = TryWalk(image);
        return walk?.Details();
    }

    /// <summary>
    /// <see cref="AssemblyDigest.Digest"/> of a managed assembly held in memory, without the per-type and
    /// per-method digests (a fraction of the cost); null when the bytes are not one.
    /// </summary>
    public static ContentDigest? TryDigestWhole(byte[] image)
    {
        using var walk = TryWalk(image);
        return walk?.Digest;
    }

    /// <exception cref="BadImageFormatException">The file has CLI metadata that cannot be read.</exception>
    public static AssemblyDigest? TryDigest(PEReader pe)
    {
        using var walk = TryWalk(pe, ownsPe: false);
        return walk?.Details();
    }

    /// <summary>The walk of an assembly held in memory, whose <see cref="AssemblyWalk.Digest"/> costs far less than its details; null when the bytes are not one.</summary>
    /// <exception cref="BadImageFormatException">The file has CLI metadata that cannot be read.</exception>
    internal static AssemblyWalk? TryWalk(byte[] image)
    {
        var pe = new PEReader(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(image));
        var walk = TryWalk(pe, ownsPe: true);
        if (walk is null) pe.Dispose();
        return walk;
    }

    private static AssemblyWalk? TryWalk(PEReader pe, bool ownsPe)
    {
        MetadataReader reader;
        try
        {
            if (!pe.HasMetadata) return null;
            reader = pe.GetMetadataReader();
        }
        catch (BadImageFormatException)
        {
            return null; // not a PE file at all
        }
        return reader.IsAssembly ? Walk(pe, ownsPe, reader) : null;
    }

    private static AssemblyWalk Walk(PEReader pe, bool ownsPe, MetadataReader reader)
    {
        var names = new MetadataNames(reader);
        var writer = new DigestWriter();
        var assembly = reader.GetAssemblyDefinition();
        var name = reader.GetString(assembly.Name);

        writer.Text(name);
        writer.String(reader, assembly.Culture);
        writer.Bytes(reader.GetBlobBytes(assembly.PublicKey));
        writer.Int((int)assembly.Flags);
        AttributeDigest.Write(writer, reader, names, assembly.GetCustomAttributes(),
            ignore: a => AttributeDigest.TypeNameOf(reader, a) is { } type && VersionAttributes.Contains(type));
        foreach (var s in assembly.GetDeclarativeSecurityAttributes())
        {
            var security = reader.GetDeclarativeSecurityAttribute(s);
            writer.Int((int)security.Action);
            writer.Blob(reader.GetBlobReader(security.PermissionSet));
        }

        var module = reader.GetModuleDefinition();
        writer.String(reader, module.Name);
        AttributeDigest.Write(writer, reader, names, module.GetCustomAttributes());
        var cor = pe.PEHeaders.CorHeader!;
        writer.Int((int)cor.Flags);
        writer.Int((int)pe.PEHeaders.CoffHeader.Machine);
        writer.Text(EntryPointName(cor, names));

        foreach (var r in ReferenceIdentities(reader)) writer.Text(r);
        foreach (var e in reader.ExportedTypes)
        {
            writer.Text(names.Of(e));
            writer.Int((int)reader.GetExportedType(e).Attributes);
        }
        ManifestResourceDigest.Write(writer, pe, reader, names);

        var members = new DigestWriter();
        var typeDigester = new TypeDigester(pe, reader, names, members);
        var types = new List<TypeSegments>(reader.TypeDefinitions.Count);
        foreach (var t in reader.TypeDefinitions) types.Add(typeDigester.Walk(t, names.Of(t)));
        // Stable, so that of two types with one name (invalid, but possible) the later one stays last.
        var sorted = types.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        return new AssemblyWalk(pe, ownsPe, reader, names, name, members, writer, sorted);
    }

    private static string EntryPointName(CorHeader cor, MetadataNames names)
    {
        var token = cor.EntryPointTokenOrRelativeVirtualAddress;
        if (token == 0 || (cor.Flags & CorFlags.NativeEntryPoint) != 0) return "";
        return names.Of(System.Reflection.Metadata.Ecma335.MetadataTokens.EntityHandle(token));
    }

    /// <summary>Name, culture, public key (token) and flags of each reference: what binding uses besides the version.</summary>
    private static IEnumerable<string> ReferenceIdentities(MetadataReader reader) =>
        reader.AssemblyReferences.Select(h =>
        {
            var r = reader.GetAssemblyReference(h);
            return $"{reader.GetString(r.Name)},{reader.GetString(r.Culture)},{Convert.ToHexString(reader.GetBlobBytes(r.PublicKeyOrToken))},{(int)r.Flags}";
        }).Order(StringComparer.Ordinal);
}
