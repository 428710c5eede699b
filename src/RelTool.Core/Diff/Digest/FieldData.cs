using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>The initial data of a field with an RVA (array and span literals live there).</summary>
internal static class FieldData
{
    public static ReadOnlySpan<byte> Read(PEReader pe, MetadataReader reader, FieldDefinition field)
    {
        var rva = field.GetRelativeVirtualAddress();
        if (rva == 0) return default;
        var size = SizeOf(reader, field.Signature);
        var data = pe.GetSectionData(rva);
        return data.Length < size ? default : data.GetContent(0, size).AsSpan();
    }

    private static int SizeOf(MetadataReader reader, BlobHandle signature)
    {
        var blob = reader.GetBlobReader(signature);
        if (blob.ReadSignatureHeader().Kind != SignatureKind.Field) return 0;
        var code = blob.ReadSignatureTypeCode();
        while (code is SignatureTypeCode.RequiredModifier or SignatureTypeCode.OptionalModifier)
        {
            blob.ReadTypeHandle();
            code = blob.ReadSignatureTypeCode();
        }
        switch (code)
        {
            case SignatureTypeCode.Boolean or SignatureTypeCode.SByte or SignatureTypeCode.Byte: return 1;
            case SignatureTypeCode.Char or SignatureTypeCode.Int16 or SignatureTypeCode.UInt16: return 2;
            case SignatureTypeCode.Int32 or SignatureTypeCode.UInt32 or SignatureTypeCode.Single: return 4;
            case SignatureTypeCode.Int64 or SignatureTypeCode.UInt64 or SignatureTypeCode.Double: return 8;
            case SignatureTypeCode.TypeHandle:
                var type = blob.ReadTypeHandle();
                if (type.Kind != HandleKind.TypeDefinition) return 0;
                var layout = reader.GetTypeDefinition((TypeDefinitionHandle)type).GetLayout();
                return layout.Size;
            default: return 0;
        }
    }
}
