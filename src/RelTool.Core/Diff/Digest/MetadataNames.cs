using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Names for metadata entities, cached per handle: types as Namespace.Name (nested as Outer/Inner;
/// referenced types prefixed by their assembly's simple name: [System.Runtime]System.Object),
/// members as "return Type::Name`arity(params)". Token numbers never appear, so two builds that
/// number tokens differently give the same names.
/// </summary>
internal sealed class MetadataNames
{
    private readonly MetadataReader reader;
    private readonly string?[]?[] cache = new string?[MetadataTokens.TableCount][];
    private MethodSignature<string>[]? methodSignatures;
    private readonly SignatureDecoder<string, object?> decoder;

    [ThreadStatic] private static System.Text.StringBuilder? text;

    public MetadataNames(MetadataReader reader)
    {
        this.reader = reader;
        Provider = new SignatureNameProvider(this);
        decoder = new SignatureDecoder<string, object?>(Provider, reader, null);
    }

    public SignatureNameProvider Provider { get; }

    /// <summary>[instance ]Convention Return Name[`arity](Param,...[;required]).</summary>
    public static string Format(MethodSignature<string> sig, string name)
    {
        var text = Text();
        if (sig.Header.IsInstance) text.Append("instance ");
        text.Append(CallingConventionName(sig.Header.CallingConvention)).Append(' ').Append(sig.ReturnType).Append(' ').Append(name);
        if (sig.GenericParameterCount > 0) text.Append('`').Append(sig.GenericParameterCount);
        AppendParameters(text, sig.ParameterTypes);
        if (sig.RequiredParameterCount < sig.ParameterTypes.Length) text.Insert(text.Length - 1, ";" + sig.RequiredParameterCount);
        return text.ToString();
    }

    /// <summary>The name of whatever a token in IL or a table can point to.</summary>
    public string Of(EntityHandle handle)
    {
        if (handle.IsNil) return "";
        var row = MetadataTokens.GetRowNumber(handle);
        var table = (int)handle.Kind < cache.Length ? cache[(int)handle.Kind] ??= NewTable(handle.Kind) : null;
        if (table is not null && row < table.Length && table[row] is { } cached) return cached;
        var name = handle.Kind switch
        {
            HandleKind.TypeDefinition or HandleKind.TypeReference or HandleKind.TypeSpecification => ComputeTypeName(handle),
            HandleKind.MethodDefinition => MethodName((MethodDefinitionHandle)handle),
            HandleKind.FieldDefinition => FieldName((FieldDefinitionHandle)handle),
            HandleKind.MemberReference => MemberReferenceName((MemberReferenceHandle)handle),
            HandleKind.MethodSpecification => MethodSpecificationName((MethodSpecificationHandle)handle),
            HandleKind.StandaloneSignature => StandaloneSignatureName((StandaloneSignatureHandle)handle),
            HandleKind.AssemblyReference => "[" + reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)handle).Name) + "]",
            HandleKind.ModuleReference => "[.module " + reader.GetString(reader.GetModuleReference((ModuleReferenceHandle)handle).Name) + "]",
            HandleKind.AssemblyFile => "[.file " + reader.GetString(reader.GetAssemblyFile((AssemblyFileHandle)handle).Name) + "]",
            HandleKind.ExportedType => ExportedTypeName((ExportedTypeHandle)handle),
            HandleKind.ModuleDefinition => "",
            _ => "?" + handle.Kind,
        };
        if (table is not null && row < table.Length) table[row] = name;
        return name;
    }

    private string?[]? NewTable(HandleKind kind) =>
        MetadataTokens.TryGetTableIndex(kind, out var index) ? new string?[reader.GetTableRowCount(index) + 1] : null;

    private static string CallingConventionName(SignatureCallingConvention convention) => convention switch
    {
        SignatureCallingConvention.Default => "Default",
        SignatureCallingConvention.VarArgs => "VarArgs",
        _ => convention.ToString(),
    };

    private static System.Text.StringBuilder Text()
    {
        var text = MetadataNames.text ??= new System.Text.StringBuilder(128);
        text.Clear();
        return text;
    }

    private static void AppendParameters(System.Text.StringBuilder text, System.Collections.Immutable.ImmutableArray<string> parameters)
    {
        text.Append('(');
        for (var i = 0; i < parameters.Length; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(parameters[i]);
        }
        text.Append(')');
    }

    public string TypeName(EntityHandle handle) => Of(handle);

    /// <summary>A method's name within its type, for people: Name`arity(params); op_Implicit/op_Explicit add " : return".</summary>
    public string MethodKey(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        var sig = MethodSignature(handle, method);
        var name = reader.GetString(method.Name);
        var text = Text().Append(name);
        if (sig.GenericParameterCount > 0) text.Append('`').Append(sig.GenericParameterCount);
        AppendParameters(text, sig.ParameterTypes);
        if (name is "op_Implicit" or "op_Explicit") text.Append(" : ").Append(sig.ReturnType);
        return text.ToString();
    }

    /// <summary>Decoded once per method: its name and its key both need it.</summary>
    private MethodSignature<string> MethodSignature(MethodDefinitionHandle handle, MethodDefinition method)
    {
        var row = MetadataTokens.GetRowNumber(handle);
        methodSignatures ??= new MethodSignature<string>[reader.MethodDefinitions.Count + 1];
        if (row >= methodSignatures.Length) return method.DecodeSignature(Provider, null);
        if (methodSignatures[row].ParameterTypes.IsDefault) methodSignatures[row] = method.DecodeSignature(Provider, null);
        return methodSignatures[row];
    }

    public string DecodeFieldSignature(BlobHandle signature)
    {
        var blob = reader.GetBlobReader(signature);
        return decoder.DecodeFieldSignature(ref blob);
    }

    public MethodSignature<string> DecodeMethodSignature(BlobHandle signature)
    {
        var blob = reader.GetBlobReader(signature);
        return decoder.DecodeMethodSignature(ref blob);
    }

    private string ComputeTypeName(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
            {
                var type = reader.GetTypeDefinition((TypeDefinitionHandle)handle);
                var declaring = type.GetDeclaringType();
                var own = reader.GetString(type.Name);
                if (!declaring.IsNil) return Of(declaring) + "/" + own;
                var ns = reader.GetString(type.Namespace);
                return ns.Length == 0 ? own : ns + "." + own;
            }
            case HandleKind.TypeReference:
            {
                var type = reader.GetTypeReference((TypeReferenceHandle)handle);
                var own = reader.GetString(type.Name);
                var ns = reader.GetString(type.Namespace);
                var qualified = ns.Length == 0 ? own : ns + "." + own;
                return type.ResolutionScope.Kind == HandleKind.TypeReference
                    ? Of(type.ResolutionScope) + "/" + own
                    : Of(type.ResolutionScope) + qualified;
            }
            default:
            {
                var spec = reader.GetTypeSpecification((TypeSpecificationHandle)handle);
                return spec.DecodeSignature(Provider, null);
            }
        }
    }

    private string MethodName(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        var sig = MethodSignature(handle, method);
        return Format(sig, Of(method.GetDeclaringType()) + "::" + reader.GetString(method.Name));
    }

    private string FieldName(FieldDefinitionHandle handle)
    {
        var field = reader.GetFieldDefinition(handle);
        return DecodeFieldSignature(field.Signature) + " " + Of(field.GetDeclaringType()) + "::" + reader.GetString(field.Name);
    }

    private string MemberReferenceName(MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        var qualified = Of(member.Parent) + "::" + reader.GetString(member.Name);
        return member.GetKind() == MemberReferenceKind.Field
            ? member.DecodeFieldSignature(Provider, null) + " " + qualified
            : Format(member.DecodeMethodSignature(Provider, null), qualified);
    }

    private string MethodSpecificationName(MethodSpecificationHandle handle)
    {
        var spec = reader.GetMethodSpecification(handle);
        return Of(spec.Method) + "<" + string.Join(",", spec.DecodeSignature(Provider, null)) + ">";
    }

    private string StandaloneSignatureName(StandaloneSignatureHandle handle)
    {
        var sig = reader.GetStandaloneSignature(handle);
        return sig.GetKind() == StandaloneSignatureKind.LocalVariables
            ? "locals(" + string.Join(",", sig.DecodeLocalSignature(Provider, null)) + ")"
            : Format(sig.DecodeMethodSignature(Provider, null), "calli");
    }

    private string ExportedTypeName(ExportedTypeHandle handle)
    {
        var type = reader.GetExportedType(handle);
        var ns = reader.GetString(type.Namespace);
        var own = reader.GetString(type.Name);
        return type.Implementation.Kind == HandleKind.ExportedType
            ? Of(type.Implementation) + "/" + own
            : Of(type.Implementation) + (ns.Length == 0 ? own : ns + "." + own);
    }
}
