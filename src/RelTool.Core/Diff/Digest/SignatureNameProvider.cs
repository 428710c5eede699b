using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Decodes signatures into readable names that do not depend on token numbers: generic parameters
/// are positional (!0, !!0), referenced types carry their assembly's simple name, never its version.
/// </summary>
internal sealed class SignatureNameProvider(MetadataNames names) : ISignatureTypeProvider<string, object?>
{
    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Byte => "uint8",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.Double => "float64",
        PrimitiveTypeCode.Int16 => "int16",
        PrimitiveTypeCode.Int32 => "int32",
        PrimitiveTypeCode.Int64 => "int64",
        PrimitiveTypeCode.IntPtr => "native int",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.SByte => "int8",
        PrimitiveTypeCode.Single => "float32",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.TypedReference => "typedref",
        PrimitiveTypeCode.UInt16 => "uint16",
        PrimitiveTypeCode.UInt32 => "uint32",
        PrimitiveTypeCode.UInt64 => "uint64",
        PrimitiveTypeCode.UIntPtr => "native uint",
        PrimitiveTypeCode.Void => "void",
        _ => "?" + (int)typeCode,
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => names.TypeName(handle);
    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => names.TypeName(handle);
    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => names.TypeName(handle);
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape) =>
        $"{elementType}[{shape.Rank};{string.Join(",", shape.Sizes)};{string.Join(",", shape.LowerBounds)}]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPinnedType(string elementType) => elementType + " pinned";
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        $"{unmodifiedType} {(isRequired ? "modreq" : "modopt")}({modifier})";
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        $"{genericType}<{string.Join(",", typeArguments)}>";
    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "method " + MetadataNames.Format(signature, "*");
}
