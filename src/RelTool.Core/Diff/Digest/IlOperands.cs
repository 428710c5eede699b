using System.Reflection;
using System.Reflection.Emit;

namespace RelTool.Core.Diff.Digest;

/// <summary>The operand kind of every IL opcode, taken from System.Reflection.Emit.OpCodes.</summary>
internal static class IlOperands
{
    private static readonly OperandType[] OneByte = new OperandType[256];
    private static readonly OperandType[] TwoByte = new OperandType[256];
    private static readonly bool[] KnownOneByte = new bool[256];
    private static readonly bool[] KnownTwoByte = new bool[256];

    static IlOperands()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not OpCode code) continue;
            var value = (ushort)code.Value;
            if (code.Size == 1) { OneByte[value] = code.OperandType; KnownOneByte[value] = true; }
            else { TwoByte[value & 0xFF] = code.OperandType; KnownTwoByte[value & 0xFF] = true; }
        }
    }

    public const byte TwoBytePrefix = 0xFE;

    public static bool TryGet(byte first, out OperandType operand)
    {
        operand = OneByte[first];
        return KnownOneByte[first];
    }

    public static bool TryGetTwoByte(byte second, out OperandType operand)
    {
        operand = TwoByte[second];
        return KnownTwoByte[second];
    }
}
