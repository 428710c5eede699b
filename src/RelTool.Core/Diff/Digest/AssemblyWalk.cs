using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// One pass over an assembly's metadata. <see cref="Digest"/> hashes everything at once (types by
/// name, methods by key); the per-type and per-method digests of <see cref="Details"/> hash stretches
/// of the same bytes, so a diff pays for them only when two assemblies differ.
/// </summary>
internal sealed class AssemblyWalk : IDisposable
{
    private readonly PEReader pe;
    private readonly bool ownsPe;
    private readonly MetadataReader reader;
    private readonly MetadataNames names;
    private readonly DigestWriter members;
    private readonly DigestWriter whole;
    private readonly TypeSegments[] types;
    private readonly Segment[] typeSpans;

    public AssemblyWalk(PEReader pe, bool ownsPe, MetadataReader reader, MetadataNames names, string name,
        DigestWriter members, DigestWriter whole, TypeSegments[] types)
    {
        (this.pe, this.ownsPe, this.reader, this.names, Name, this.members, this.whole, this.types) = (pe, ownsPe, reader, names, name, members, whole, types);
        typeSpans = new Segment[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var start = whole.Position;
            var type = types[i];
            whole.Text(type.Name);
            whole.Segment(members, type.Head);
            whole.Int(type.Methods.Length);
            foreach (var method in type.Methods)
            {
                whole.Text(method.Key);
                whole.Segment(members, method.Signature);
                whole.Segment(members, method.Body);
            }
            whole.Segment(members, type.Tail);
            typeSpans[i] = whole.Since(start);
        }
        Digest = ContentDigest.Of(whole.Written(whole.Since(0)));
    }

    public string Name { get; }

    public ContentDigest Digest { get; }

    public AssemblyDigest Details()
    {
        var types = ImmutableSortedDictionary.CreateBuilder<string, ContentDigest>(StringComparer.Ordinal);
        var methods = ImmutableSortedDictionary.CreateBuilder<string, MethodDigest>(StringComparer.Ordinal);
        for (var i = 0; i < this.types.Length; i++)
        {
            var type = this.types[i];
            types[type.Name] = ContentDigest.Of(whole.Written(typeSpans[i]));
            foreach (var method in type.Methods)
                methods[type.Name + "::" + method.Key] = new MethodDigest(
                    ContentDigest.Of(members.Written(method.Signature)), ContentDigest.Of(members.Written(method.Body)));
        }
        return new AssemblyDigest(Name, Digest, types.ToImmutable(), methods.ToImmutable(), References(reader),
            ServerTypeFinder.Find(reader, names, methods));
    }

    public void Dispose()
    {
        members.Dispose();
        whole.Dispose();
        if (ownsPe) pe.Dispose();
    }

    private static ImmutableArray<string> References(MetadataReader reader) =>
        reader.AssemblyReferences.Select(r => reader.GetString(reader.GetAssemblyReference(r).Name))
            .Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
}
