using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Finds the hot-swappable servers of an assembly: concrete types whose base chain, followed
/// through the types of this assembly, reaches RelTool.Runtime.Server`1. The runtime library is
/// recognised by that full name only, so any version of it (or a look-alike in a test) counts; versions before the
/// app author's API was one namespace named it RelTool.Runtime.Servers.Server`1, and their releases still diff.
/// </summary>
internal static class ServerTypeFinder
{
    public const string ServerNamespace = "RelTool.Runtime";
    private const string EarlierServerNamespace = "RelTool.Runtime.Servers";
    public const string ServerName = "Server`1";
    private const string CodeChange = "CodeChange";

    public static ImmutableArray<ServerType> Find(MetadataReader reader, MetadataNames names, IReadOnlyDictionary<string, MethodDigest> methods)
    {
        var byName = new Dictionary<string, TypeDefinitionHandle>(StringComparer.Ordinal);
        foreach (var t in reader.TypeDefinitions) byName[names.Of(t)] = t;

        var servers = ImmutableArray.CreateBuilder<ServerType>();
        foreach (var t in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(t);
            if ((type.Attributes & TypeAttributes.Abstract) != 0 || type.GetGenericParameters().Count > 0) continue;
            var chain = new List<TypeDefinitionHandle>();
            var state = StateTypeOf(reader, names, t, [], chain);
            if (state is null) continue;
            var typeName = names.Of(t);
            servers.Add(new ServerType(typeName, state, StateShape(reader, names, byName, state),
                CodeChangeDigest(chain.Select(h => names.Of(h)), methods)));
        }
        return servers.ToImmutable();
    }

    /// <summary>TState as a name, following bases of this assembly and substituting their type arguments.</summary>
    private static string? StateTypeOf(MetadataReader reader, MetadataNames names, TypeDefinitionHandle handle, IReadOnlyList<string> typeArguments, List<TypeDefinitionHandle> chain)
    {
        if (chain.Contains(handle) || chain.Count > 64) return null;
        chain.Add(handle);
        var baseType = reader.GetTypeDefinition(handle).BaseType;
        if (baseType.IsNil) return null;
        switch (baseType.Kind)
        {
            case HandleKind.TypeDefinition:
                return StateTypeOf(reader, names, (TypeDefinitionHandle)baseType, [], chain);
            case HandleKind.TypeSpecification:
                var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)baseType).Signature);
                if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
                blob.ReadSignatureTypeCode();
                var generic = blob.ReadTypeHandle();
                var count = blob.ReadCompressedInteger();
                var decoder = new SignatureDecoder<string, object?>(names.Provider, reader, null);
                var arguments = new List<string>(count);
                for (var i = 0; i < count; i++) arguments.Add(Substitute(decoder.DecodeType(ref blob), typeArguments));
                if (IsServerBase(reader, generic)) return arguments.Count == 1 ? arguments[0] : null;
                return generic.Kind == HandleKind.TypeDefinition
                    ? StateTypeOf(reader, names, (TypeDefinitionHandle)generic, arguments, chain)
                    : null;
            default:
                return null;
        }
    }

    private static string Substitute(string type, IReadOnlyList<string> typeArguments) =>
        type.StartsWith('!') && !type.StartsWith("!!") && int.TryParse(type.AsSpan(1), out var i) && i < typeArguments.Count
            ? typeArguments[i]
            : type;

    private static bool IsServerBase(MetadataReader reader, EntityHandle generic) => generic.Kind switch
    {
        HandleKind.TypeReference => Is(reader, reader.GetTypeReference((TypeReferenceHandle)generic).Namespace, reader.GetTypeReference((TypeReferenceHandle)generic).Name),
        HandleKind.TypeDefinition => Is(reader, reader.GetTypeDefinition((TypeDefinitionHandle)generic).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)generic).Name),
        _ => false,
    };

    private static bool Is(MetadataReader reader, StringHandle ns, StringHandle name) =>
        (reader.StringComparer.Equals(ns, ServerNamespace) || reader.StringComparer.Equals(ns, EarlierServerNamespace)) && reader.StringComparer.Equals(name, ServerName);

    /// <summary>"path : type" for each instance field, descending into types of this assembly (each once).</summary>
    private static ImmutableArray<string> StateShape(MetadataReader reader, MetadataNames names, Dictionary<string, TypeDefinitionHandle> byName, string stateType)
    {
        var shape = ImmutableArray.CreateBuilder<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Walk(string typeName, string prefix)
        {
            if (!byName.TryGetValue(typeName, out var handle) || !visited.Add(typeName)) return;
            foreach (var f in reader.GetTypeDefinition(handle).GetFields())
            {
                var field = reader.GetFieldDefinition(f);
                if ((field.Attributes & FieldAttributes.Static) != 0) continue;
                var fieldType = names.DecodeFieldSignature(field.Signature);
                var path = prefix + reader.GetString(field.Name);
                shape.Add(path + " : " + fieldType);
                Walk(fieldType, path + ".");
            }
            visited.Remove(typeName);
        }
        Walk(stateType, "");
        return shape.ToImmutable();
    }

    private static ContentDigest? CodeChangeDigest(IEnumerable<string> chainTypeNames, IReadOnlyDictionary<string, MethodDigest> methods)
    {
        using var writer = new DigestWriter();
        var found = false;
        foreach (var typeName in chainTypeNames)
        {
            var prefix = typeName + "::" + CodeChange;
            foreach (var (key, digest) in methods)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || key.Length == prefix.Length || key[prefix.Length] is not ('(' or '`')) continue;
                found = true;
                writer.Text(key);
                writer.Digest(digest.Signature);
                writer.Digest(digest.Body);
            }
        }
        return found ? writer.Finish() : null;
    }
}
