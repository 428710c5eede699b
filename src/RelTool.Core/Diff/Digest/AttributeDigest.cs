using System.Reflection.Metadata;

namespace RelTool.Core.Diff.Digest;

/// <summary>Custom attributes as constructor name + value blob (the blob holds values and type names, no tokens).</summary>
internal static class AttributeDigest
{
    public static void Write(DigestWriter writer, MetadataReader reader, MetadataNames names, CustomAttributeHandleCollection attributes, Func<CustomAttribute, bool>? ignore = null)
    {
        foreach (var handle in attributes)
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (ignore is not null && ignore(attribute)) continue;
            writer.Text(names.Of(attribute.Constructor));
            writer.Blob(reader.GetBlobReader(attribute.Value));
        }
        writer.Int(-2);
    }

    /// <summary>Namespace.Name of the attribute's type, whatever assembly it comes from.</summary>
    public static string? TypeNameOf(MetadataReader reader, CustomAttribute attribute)
    {
        var parent = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };
        return parent.Kind switch
        {
            HandleKind.TypeReference => Qualified(reader, reader.GetTypeReference((TypeReferenceHandle)parent).Namespace, reader.GetTypeReference((TypeReferenceHandle)parent).Name),
            HandleKind.TypeDefinition => Qualified(reader, reader.GetTypeDefinition((TypeDefinitionHandle)parent).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)parent).Name),
            _ => null,
        };
    }

    private static string Qualified(MetadataReader reader, StringHandle ns, StringHandle name) =>
        reader.GetString(ns) + "." + reader.GetString(name);
}
