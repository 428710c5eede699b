using System.Buffers.Binary;
using System.Text;
using RelTool.Core.Targets;

namespace RelTool.Tests.Targets;

/// <summary>The header reader on hand-made headers (every format and target) and on this machine's own runtime.</summary>
public sealed class NativeBinaryTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-binary-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private static TargetPlatform Target(string rid) => TargetPlatform.TryParse(rid) ?? throw new ArgumentException(rid);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A 64-bit little-endian ELF with one PT_INTERP (when given), one PT_LOAD and a PT_DYNAMIC naming <paramref name="needed"/>.</summary>
    private static byte[] Elf(ushort machine, string? interpreter, params string[] needed)
    {
        var image = new byte[4096];
        "\u007fELF"u8.CopyTo(image);
        image[4] = 2; image[5] = 1; image[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), machine);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x20), 64);   // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x36), 56);   // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x38), 3);    // e_phnum
        void Header(int index, uint type, ulong offset, ulong size)
        {
            var at = 64 + index * 56;
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at), type);
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at + 8), offset);
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at + 16), offset);    // vaddr = offset
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at + 32), size);
        }
        Header(0, 1, 0, (ulong)image.Length);                                       // PT_LOAD: the whole image
        if (interpreter is not null)
        {
            Encoding.ASCII.GetBytes(interpreter + "\0").CopyTo(image, 512);
            Header(1, 3, 512, (ulong)interpreter.Length + 1);
        }
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var dynamic = new List<(ulong, ulong)>();
        foreach (var name in needed)
        {
            dynamic.Add((1, (ulong)strings.Length));
            strings.Write(Encoding.ASCII.GetBytes(name + "\0"));
        }
        strings.ToArray().CopyTo(image, 2048);
        dynamic.Add((5, 2048));
        dynamic.Add((0, 0));
        for (var i = 0; i < dynamic.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(1024 + i * 16), dynamic[i].Item1);
            BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(1024 + i * 16 + 8), dynamic[i].Item2);
        }
        Header(2, 2, 1024, (ulong)(dynamic.Count * 16));
        return image;
    }

    private static byte[] MachO(uint cpu)
    {
        var image = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(image, 0xFEEDFACF);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(4), cpu);
        return image;
    }

    private static byte[] Fat(params uint[] cpus)
    {
        var image = new byte[8 + cpus.Length * 20];
        BinaryPrimitives.WriteUInt32BigEndian(image, 0xCAFEBABE);
        BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(4), (uint)cpus.Length);
        for (var i = 0; i < cpus.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(8 + i * 20), cpus[i]);
        return image;
    }

    /// <summary>A PE32+ image; <paramref name="managed"/> gives it a CLI header (data directory 14).</summary>
    private static byte[] Pe(ushort machine, bool managed)
    {
        var image = new byte[512];
        image[0] = (byte)'M'; image[1] = (byte)'Z';
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(0x3C), 0x80);
        "PE\0\0"u8.CopyTo(image.AsSpan(0x80));
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x84), machine);
        var optional = 0x80 + 24;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(optional), 0x20B);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 108), 16);
        if (managed) BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 112 + 14 * 8 + 4), 72);
        return image;
    }

    [Fact]
    public void Elf_machine_interpreter_and_c_library_decide_between_glibc_and_musl_targets()
    {
        var arm64 = NativeBinary.Read(Write("arm64", Elf(183, "/lib/ld-linux-aarch64.so.1", "libstdc++.so.6", "libc.so.6")))!;
        Assert.Equal((BinaryFormat.Elf, 183u, "libc.so.6"), (arm64.Format, arm64.Machine, arm64.CLibrary));
        Assert.Null(arm64.MismatchFor(Target("linux-arm64")));
        Assert.Equal("an ELF binary for AArch64, not x86-64", arm64.MismatchFor(Target("linux-x64")));
        Assert.Equal("an ELF binary for AArch64, not a binary for macOS arm64", arm64.MismatchFor(Target("osx-arm64")));

        var musl = NativeBinary.Read(Write("musl", Elf(62, null, "libc.musl-x86_64.so.1")))!;
        Assert.Null(musl.MismatchFor(Target("linux-musl-x64")));
        Assert.Equal("linked against libc.musl-x86_64.so.1 (musl), not glibc", musl.MismatchFor(Target("linux-x64")));

        var glibcExecutable = NativeBinary.Read(Write("exe", Elf(62, "/lib64/ld-linux-x86-64.so.2")))!;
        Assert.Equal("an executable for the interpreter /lib64/ld-linux-x86-64.so.2, not /lib/ld-musl-x86_64.so.1", glibcExecutable.MismatchFor(Target("linux-musl-x64")));
    }

    [Fact]
    public void Mach_o_cputype_thin_or_fat_and_pe_machine_native_or_managed()
    {
        Assert.Null(NativeBinary.Read(Write("m", MachO(0x0100000C)))!.MismatchFor(Target("osx-arm64")));
        Assert.Equal("a Mach-O binary for x86_64, not arm64", NativeBinary.Read(Write("x", MachO(0x01000007)))!.MismatchFor(Target("osx-arm64")));
        Assert.Null(NativeBinary.Read(Write("fat", Fat(0x01000007, 0x0100000C)))!.MismatchFor(Target("osx-arm64")));

        Assert.Null(NativeBinary.Read(Write("w.dll", Pe(0x8664, managed: false)))!.MismatchFor(Target("win-x64")));
        Assert.Equal("a PE binary for x64, not ARM64", NativeBinary.Read(Write("w64.dll", Pe(0x8664, managed: false)))!.MismatchFor(Target("win-arm64")));
        Assert.Equal("a Windows PE binary for x64, not a binary for Linux (glibc) x64", NativeBinary.Read(Write("wl.dll", Pe(0x8664, managed: false)))!.MismatchFor(Target("linux-x64")));

        Assert.Null(NativeBinary.Read(Write("anycpu.dll", Pe(0x014C, managed: true)))!.MismatchFor(Target("linux-arm64")));
        Assert.Null(NativeBinary.Read(Write("r2r.dll", Pe(0xAA64 ^ 0x7B79, managed: true)))!.MismatchFor(Target("linux-arm64")));
        Assert.Equal("a .NET assembly compiled for Linux x64, not Linux (glibc) arm64",
            NativeBinary.Read(Write("r2rx.dll", Pe(0x8664 ^ 0x7B79, managed: true)))!.MismatchFor(Target("linux-arm64")));
    }

    [Fact]
    public void Other_files_are_not_binaries()
    {
        Assert.Null(NativeBinary.Read(Write("text", "#!/bin/sh\necho hi\n"u8.ToArray())));
        Assert.Null(NativeBinary.Read(Write("short", [0x7F, (byte)'E'])));
        Assert.Null(NativeBinary.Read(Write("class", [0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 52])));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void This_linux_x64_machines_own_runtime_reads_as_what_it_is()
    {
        var coreclr = NativeBinary.Read(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "libcoreclr.so"))!;
        Assert.Null(coreclr.MismatchFor(Target("linux-x64")));
        Assert.Equal("libc.so.6", coreclr.CLibrary);
        Assert.NotNull(coreclr.MismatchFor(Target("linux-arm64")));
        Assert.True(NativeBinary.Read(typeof(object).Assembly.Location)!.Managed);
    }
}
