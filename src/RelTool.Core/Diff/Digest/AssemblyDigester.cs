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
    public static AssemblyDigest? TryDigest(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
        return TryDigest(pe);
    }

    /// <summary>The digest of a managed assembly held in memory; null when the bytes are not one.</summary>
    public static AssemblyDigest? TryDigest(byte[] image)
    {
        using var pe = new PEReader(System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(image));
        return TryDigest(pe);
    }

    /// <exception cref="BadImageFormatException">The file has CLI metadata that cannot be read.</exception>
    public static AssemblyDigest? TryDigest(PEReader pe)
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
        return reader.IsAssembly ? Digest(pe, reader) : null;
    }

    private static AssemblyDigest Digest(PEReader pe, MetadataReader reader)
    {
        var names = new MetadataNames(reader);
        var writer = new DigestWriter();
        var assembly = reader.GetAssemblyDefinition();
        var name = reader.GetString(assembly.Name);

        writer.Text(name);
        writer.Text(reader.GetString(assembly.Culture));
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
        writer.Text(reader.GetString(module.Name));
        AttributeDigest.Write(writer, reader, names, module.GetCustomAttributes());
        var cor = pe.PEHeaders.CorHeader!;
        writer.Int((int)cor.Flags);
        writer.Int((int)pe.PEHeaders.CoffHeader.Machine);
        writer.Text(EntryPointName(cor, names));

        var references = References(reader);
        foreach (var r in ReferenceIdentities(reader)) writer.Text(r);
        foreach (var e in reader.ExportedTypes)
        {
            writer.Text(names.Of(e));
            writer.Int((int)reader.GetExportedType(e).Attributes);
        }
        ManifestResourceDigest.Write(writer, pe, reader, names);

        var types = ImmutableSortedDictionary.CreateBuilder<string, ContentDigest>(StringComparer.Ordinal);
        var methods = ImmutableSortedDictionary.CreateBuilder<string, MethodDigest>(StringComparer.Ordinal);
        var typeDigester = new TypeDigester(pe, reader, names);
        foreach (var t in reader.TypeDefinitions)
        {
            var typeName = names.Of(t);
            types[typeName] = typeDigester.Digest(t, typeName, methods);
        }
        foreach (var (typeName, digest) in types)
        {
            writer.Text(typeName);
            writer.Digest(digest);
        }

        return new AssemblyDigest(name, writer.Finish(), types.ToImmutable(), methods.ToImmutable(), references,
            ServerTypeFinder.Find(reader, names, methods));
    }

    private static string EntryPointName(CorHeader cor, MetadataNames names)
    {
        var token = cor.EntryPointTokenOrRelativeVirtualAddress;
        if (token == 0 || (cor.Flags & CorFlags.NativeEntryPoint) != 0) return "";
        return names.Of(System.Reflection.Metadata.Ecma335.MetadataTokens.EntityHandle(token));
    }

    private static ImmutableArray<string> References(MetadataReader reader) =>
        reader.AssemblyReferences.Select(r => reader.GetString(reader.GetAssemblyReference(r).Name))
            .Distinct().Order(StringComparer.Ordinal).ToImmutableArray();

    /// <summary>Name, culture, public key (token) and flags of each reference: what binding uses besides the version.</summary>
    private static IEnumerable<string> ReferenceIdentities(MetadataReader reader) =>
        reader.AssemblyReferences.Select(h =>
        {
            var r = reader.GetAssemblyReference(h);
            return $"{reader.GetString(r.Name)},{reader.GetString(r.Culture)},{Convert.ToHexString(reader.GetBlobBytes(r.PublicKeyOrToken))},{(int)r.Flags}";
        }).Order(StringComparer.Ordinal);
}
