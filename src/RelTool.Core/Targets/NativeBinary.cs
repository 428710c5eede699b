using System.Buffers.Binary;
using System.Text;

namespace RelTool.Core.Targets;

public enum BinaryFormat { Elf, MachO, Pe }

/// <summary>
/// What a file's header says it runs on: the executable format, the machine, and for ELF the interpreter and the C
/// library it links (DT_NEEDED), for PE whether it is managed (IL only, or ReadyToRun code for one OS and machine).
/// Read from the bytes, never from the file name. Formats: the ELF gABI, Mach-O loader.h/fat.h, PE/COFF.
/// </summary>
public sealed record NativeBinary(BinaryFormat Format, uint Machine, string? Interpreter, string? CLibrary, bool Managed)
{
    private const int MaxHeaderRead = 64 * 1024;

    /// <summary>The cputype of each slice of a universal (fat) Mach-O; empty for a thin one.</summary>
    public System.Collections.Immutable.ImmutableArray<uint> FatSlices { get; init; } = [];

    /// <summary>Null when the file is none of ELF, Mach-O (thin or fat) or PE, or too short to tell.</summary>
    public static NativeBinary? Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        return Read(stream);
    }

    /// <summary>From a seekable stream positioned anywhere; null as for <see cref="Read(string)"/>.</summary>
    public static NativeBinary? Read(Stream stream)
    {
        stream.Position = 0;
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4) return null;
        try
        {
            if (magic.SequenceEqual("\u007fELF"u8)) return ReadElf(stream);
            var little = BinaryPrimitives.ReadUInt32LittleEndian(magic);
            var big = BinaryPrimitives.ReadUInt32BigEndian(magic);
            if (little is 0xFEEDFACF or 0xFEEDFACE) return new NativeBinary(BinaryFormat.MachO, ReadU32(stream, 4, littleEndian: true), null, null, false);
            if (big is 0xCAFEBABE or 0xCAFEBABF) return ReadFat(stream, big == 0xCAFEBABF);
            if (magic[0] == 'M' && magic[1] == 'Z') return ReadPe(stream);
        }
        catch (EndOfStreamException) { }
        return null;
    }

    /// <summary>Null when this binary runs on <paramref name="target"/>; otherwise what it is built for instead.</summary>
    public string? MismatchFor(TargetPlatform target)
    {
        switch (Format)
        {
            case BinaryFormat.Elf when target.Os is TargetOs.LinuxGlibc or TargetOs.LinuxMusl:
                if (Machine != target.ElfMachine) return $"an ELF binary for {ElfMachineName(Machine)}, not {ElfMachineName(target.ElfMachine)}";
                if (Interpreter is not null && Interpreter != target.ElfInterpreter) return $"an executable for the interpreter {Interpreter}, not {target.ElfInterpreter}";
                var wantMusl = target.Os == TargetOs.LinuxMusl;
                if (CLibrary is not null && CLibrary.StartsWith("libc.musl", StringComparison.Ordinal) != wantMusl)
                    return $"linked against {CLibrary} ({(wantMusl ? "glibc" : "musl")}), not {(wantMusl ? "musl" : "glibc")}";
                return null;
            case BinaryFormat.MachO when target.Os == TargetOs.MacOS:
                // A universal binary is fine when one of its slices is for the target.
                return Machine == target.MachOCpuType || FatSlices.Contains(target.MachOCpuType) ? null : $"a Mach-O binary for {MachOName(Machine)}, not {MachOName(target.MachOCpuType)}";
            case BinaryFormat.Pe when Managed:
                // AnyCPU IL (I386) runs anywhere; IL built for one platform (PlatformTarget, as a RID build sets it) carries
                // that machine as it is; ReadyToRun code carries it XOR-ed with its OS's value.
                if (Machine == 0x014C || Machine == target.PeMachine || Machine == (ushort)(target.PeMachine ^ target.ReadyToRunOsMask)) return null;
                return $"a .NET assembly compiled for {ReadyToRunName((ushort)Machine)}, not {target.Describe()}";
            case BinaryFormat.Pe when target.IsWindows:
                return Machine == target.PeMachine ? null : $"a PE binary for {PeName((ushort)Machine)}, not {PeName(target.PeMachine)}";
            default:
                return $"{Describe()}, not a binary for {target.Describe()}";
        }
    }

    public string Describe() => Format switch
    {
        BinaryFormat.Elf => $"an ELF binary for {ElfMachineName(Machine)}",
        BinaryFormat.MachO => $"a Mach-O binary for {MachOName(Machine)}",
        _ => Managed ? "a .NET assembly" : $"a Windows PE binary for {PeName((ushort)Machine)}",
    };

    private static NativeBinary ReadElf(Stream stream)
    {
        var ident = ReadBytes(stream, 0, 16);
        var is64 = ident[4] == 2;
        var little = ident[5] == 1;
        var machine = ReadU16(stream, 18, little);
        var phoff = is64 ? (long)ReadU64(stream, 0x20, little) : ReadU32(stream, 0x1C, little);
        var phentsize = ReadU16(stream, is64 ? 0x36 : 0x2A, little);
        var phnum = ReadU16(stream, is64 ? 0x38 : 0x2C, little);
        string? interpreter = null;
        var loads = new List<(ulong VAddr, ulong Offset, ulong Size)>();
        (ulong Offset, ulong Size)? dynamic = null;
        for (var i = 0; i < Math.Min((int)phnum, 256); i++)
        {
            var at = phoff + (long)i * phentsize;
            var type = ReadU32(stream, at, little);
            ulong offset = is64 ? ReadU64(stream, at + 8, little) : ReadU32(stream, at + 4, little);
            ulong vaddr = is64 ? ReadU64(stream, at + 16, little) : ReadU32(stream, at + 8, little);
            ulong filesz = is64 ? ReadU64(stream, at + 32, little) : ReadU32(stream, at + 16, little);
            switch (type)
            {
                case 1: loads.Add((vaddr, offset, filesz)); break; // PT_LOAD
                case 2: dynamic = (offset, filesz); break;         // PT_DYNAMIC
                case 3 when filesz is > 0 and < 4096:              // PT_INTERP
                    interpreter = Encoding.ASCII.GetString(ReadBytes(stream, (long)offset, (int)filesz)).TrimEnd('\0');
                    break;
            }
        }
        return new NativeBinary(BinaryFormat.Elf, machine, interpreter, dynamic is { } d ? CLibraryOf(stream, d, loads, is64, little) : null, false);
    }

    /// <summary>The DT_NEEDED entry that names the C library (libc.so.6 for glibc, libc.musl-&lt;arch&gt;.so.1 for musl).</summary>
    private static string? CLibraryOf(Stream stream, (ulong Offset, ulong Size) dynamic, List<(ulong VAddr, ulong Offset, ulong Size)> loads, bool is64, bool little)
    {
        var entrySize = is64 ? 16 : 8;
        var needed = new List<ulong>();
        ulong? strtab = null;
        for (ulong at = 0; at + (ulong)entrySize <= Math.Min(dynamic.Size, MaxHeaderRead); at += (ulong)entrySize)
        {
            var position = (long)(dynamic.Offset + at);
            var tag = is64 ? ReadU64(stream, position, little) : ReadU32(stream, position, little);
            var value = is64 ? ReadU64(stream, position + 8, little) : ReadU32(stream, position + 4, little);
            if (tag == 0) break;                  // DT_NULL
            if (tag == 1) needed.Add(value);      // DT_NEEDED: offset into the string table
            else if (tag == 5) strtab = value;    // DT_STRTAB: a virtual address
        }
        if (strtab is not { } address) return null;
        var segment = loads.FirstOrDefault(l => address >= l.VAddr && address < l.VAddr + l.Size);
        if (segment.Size == 0) return null;
        var tableOffset = (long)(address - segment.VAddr + segment.Offset);
        foreach (var name in needed.Select(n => ReadCString(stream, tableOffset + (long)n)))
            if (name == "libc.so.6" || name.StartsWith("libc.musl", StringComparison.Ordinal) || name == "libc.so") return name;
        return null;
    }

    private static NativeBinary? ReadFat(Stream stream, bool is64)
    {
        var count = ReadU32(stream, 4, littleEndian: false);
        if (count is 0 or > 16) return null; // Java class files share CAFEBABE; their "count" is a version number.
        var entrySize = is64 ? 32 : 20;
        var cpus = Enumerable.Range(0, (int)count).Select(i => ReadU32(stream, 8 + i * entrySize, littleEndian: false)).ToList();
        return new NativeBinary(BinaryFormat.MachO, cpus[0], null, null, false) { FatSlices = [.. cpus] };
    }

    private static NativeBinary? ReadPe(Stream stream)
    {
        var pe = ReadU32(stream, 0x3C, littleEndian: true);
        if (ReadU32(stream, pe, littleEndian: true) != 0x00004550) return null;
        var machine = ReadU16(stream, pe + 4, littleEndian: true);
        var optional = pe + 24;
        var magic = ReadU16(stream, optional, littleEndian: true);
        var directories = magic == 0x20B ? optional + 112 : optional + 96;
        var count = ReadU32(stream, magic == 0x20B ? optional + 108 : optional + 92, littleEndian: true);
        var managed = count > 14 && ReadU32(stream, directories + 14 * 8 + 4, littleEndian: true) > 0; // the CLI header's size
        return new NativeBinary(BinaryFormat.Pe, machine, null, null, managed);
    }

    private static string ElfMachineName(uint machine) => machine switch { 62 => "x86-64", 183 => "AArch64", 3 => "i386", 40 => "ARM", _ => $"machine {machine}" };

    private static string MachOName(uint cpu) => cpu switch { 0x01000007 => "x86_64", 0x0100000C => "arm64", 7 => "i386", 12 => "arm", _ => $"cputype 0x{cpu:X}" };

    private static string PeName(ushort machine) => machine switch { 0x8664 => "x64", 0xAA64 => "ARM64", 0x014C => "x86", 0x01C4 => "ARM", _ => $"machine 0x{machine:X4}" };

    private static string ReadyToRunName(ushort machine)
    {
        foreach (var (os, mask) in new[] { ("Windows", (ushort)0), ("Linux", (ushort)0x7B79), ("macOS", (ushort)0x4644), ("FreeBSD", (ushort)0xADC4) })
        {
            var plain = (ushort)(machine ^ mask);
            if (plain is 0x8664 or 0xAA64 or 0x014C or 0x01C4) return mask == 0 ? PeName(plain) : $"{os} {PeName(plain)}";
        }
        return $"machine 0x{machine:X4}";
    }

    private static byte[] ReadBytes(Stream stream, long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > stream.Length) throw new EndOfStreamException();
        var buffer = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(buffer);
        return buffer;
    }

    private static ushort ReadU16(Stream s, long offset, bool littleEndian)
    {
        var b = ReadBytes(s, offset, 2);
        return littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);
    }

    private static uint ReadU32(Stream s, long offset, bool littleEndian)
    {
        var b = ReadBytes(s, offset, 4);
        return littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    private static ulong ReadU64(Stream s, long offset, bool littleEndian)
    {
        var b = ReadBytes(s, offset, 8);
        return littleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(b) : BinaryPrimitives.ReadUInt64BigEndian(b);
    }

    private static string ReadCString(Stream stream, long offset)
    {
        var bytes = new List<byte>();
        stream.Position = offset;
        int b;
        while (bytes.Count < 256 && (b = stream.ReadByte()) > 0) bytes.Add((byte)b);
        return Encoding.ASCII.GetString(bytes.ToArray());
    }
}
