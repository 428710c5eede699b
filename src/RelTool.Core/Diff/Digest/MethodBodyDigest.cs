using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RelTool.Core.Diff.Digest;

/// <summary>
/// Writes a method body so that only what runs counts: every token operand is replaced by the name
/// of what it points to (a string literal by its text), branch offsets and other operands are kept
/// as they are (tokens are always four bytes, so offsets do not move when tokens are renumbered).
/// </summary>
internal static class MethodBodyDigest
{
    public static void Write(DigestWriter writer, PEReader pe, MetadataReader reader, MetadataNames names, int rva)
    {
        var body = pe.GetMethodBody(rva);
        writer.Int(body.MaxStack);
        writer.Byte(body.LocalVariablesInitialized ? (byte)1 : (byte)0);
        writer.Text(body.LocalSignature.IsNil ? "" : names.Of(body.LocalSignature));
        foreach (var region in body.ExceptionRegions)
        {
            writer.Int((int)region.Kind);
            writer.Int(region.TryOffset);
            writer.Int(region.TryLength);
            writer.Int(region.HandlerOffset);
            writer.Int(region.HandlerLength);
            writer.Int(region.FilterOffset);
            writer.Text(region.CatchType.IsNil ? "" : names.Of(region.CatchType));
        }
        WriteIl(writer, body.GetILReader(), reader, names);
    }

    private static void WriteIl(DigestWriter writer, BlobReader il, MetadataReader reader, MetadataNames names)
    {
        while (il.RemainingBytes > 0)
        {
            var first = il.ReadByte();
            writer.Byte(first);
            OperandType operand;
            bool known;
            if (first == IlOperands.TwoBytePrefix && il.RemainingBytes > 0)
            {
                var second = il.ReadByte();
                writer.Byte(second);
                known = IlOperands.TryGetTwoByte(second, out operand);
            }
            else known = IlOperands.TryGet(first, out operand);

            if (!known)
            {
                // Not valid IL: keep the rest as raw bytes rather than guess operand sizes.
                writer.Bytes(il.ReadBytes(il.RemainingBytes));
                return;
            }
            WriteOperand(writer, ref il, operand, reader, names);
        }
    }

    private static void WriteOperand(DigestWriter writer, ref BlobReader il, OperandType operand, MetadataReader reader, MetadataNames names)
    {
        switch (operand)
        {
            case OperandType.InlineNone:
                break;
            case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                writer.Byte(il.ReadByte());
                break;
            case OperandType.InlineVar:
                writer.Int(il.ReadUInt16());
                break;
            case OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR:
                writer.Int(il.ReadInt32());
                break;
            case OperandType.InlineI8 or OperandType.InlineR:
                writer.Bytes(il.ReadBytes(8));
                break;
            case OperandType.InlineSwitch:
                var count = il.ReadInt32();
                writer.Int(count);
                for (var i = 0; i < count && il.RemainingBytes >= 4; i++) writer.Int(il.ReadInt32());
                break;
            case OperandType.InlineString:
                var token = il.ReadInt32();
                writer.Text(reader.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF)));
                break;
            default: // InlineField, InlineMethod, InlineTok, InlineType, InlineSig
                writer.Text(names.Of(MetadataTokens.EntityHandle(il.ReadInt32())));
                break;
        }
    }
}
