using System.Buffers.Binary;
using System.Text;

namespace RelTool.IntegrationTests.Targets;

/// <summary>
/// The test's own reading of a binary's header, independent of the product's reader: ELF e_machine (and whether its
/// bytes name an interpreter), Mach-O cputype, PE Machine.
/// </summary>
public sealed record BinaryHeader(string Format, uint Machine)
{
    public static BinaryHeader? Read(string path)
    {
        var head = new byte[4096];
        using (var stream = File.OpenRead(path))
            if (stream.ReadAtLeast(head, 64, throwOnEndOfStream: false) < 64) return null;
        if (head.AsSpan(0, 4).SequenceEqual("\u007fELF"u8)) return new BinaryHeader("ELF", BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(18)));
        if (BinaryPrimitives.ReadUInt32LittleEndian(head) == 0xFEEDFACF) return new BinaryHeader("Mach-O", BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)));
        if (head[0] == 'M' && head[1] == 'Z')
        {
            var pe = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(0x3C));
            if (pe + 6 <= head.Length && head.AsSpan(pe, 4).SequenceEqual("PE\0\0"u8)) return new BinaryHeader("PE", BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(pe + 4)));
        }
        return null;
    }

    /// <summary>The format and machine number a native binary of <paramref name="rid"/> has.</summary>
    public static BinaryHeader Expected(string rid) => rid switch
    {
        "linux-arm64" => new("ELF", 183),
        "linux-musl-x64" or "linux-x64" => new("ELF", 62),
        "osx-arm64" => new("Mach-O", 0x0100000C),
        "win-x64" => new("PE", 0x8664),
        _ => throw new ArgumentException(rid),
    };

    /// <summary>Whether a managed assembly carries ReadyToRun code (a managed native header), and the PE machine it is for.</summary>
    public static (bool ReadyToRun, ushort Machine) ManagedCode(string path)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
        var cor = reader.PEHeaders.CorHeader ?? throw new InvalidDataException($"{path} is not a managed assembly");
        return (cor.ManagedNativeHeaderDirectory.Size > 0, (ushort)reader.PEHeaders.CoffHeader.Machine);
    }

    /// <summary>The interpreter an ELF executable names, found in its first 4 KiB (where PT_INTERP's string lies).</summary>
    public static string? ElfInterpreter(string path)
    {
        var head = File.ReadAllBytes(path).AsSpan(0, 4096).ToArray();
        var text = Encoding.ASCII.GetString(head);
        var start = text.IndexOf("/lib", StringComparison.Ordinal);
        return start < 0 ? null : text[start..text.IndexOf('\0', start)];
    }
}
