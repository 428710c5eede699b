namespace RelTool.Core.Targets;

/// <summary>The operating system family a runtime identifier names; Linux is split by its C library.</summary>
public enum TargetOs { LinuxGlibc, LinuxMusl, MacOS, Windows }

/// <summary>
/// What a portable runtime identifier (linux-arm64, linux-musl-x64, osx-arm64, win-x64...) means for binaries: the
/// executable format, the machine code in each format's own numbering, and the ELF interpreter of its C library.
/// </summary>
public sealed record TargetPlatform(string RuntimeIdentifier, TargetOs Os, string Architecture)
{
    private static readonly string[] Architectures = ["x64", "arm64", "x86", "arm"];

    /// <summary>Null when <paramref name="rid"/> is not a portable RID of an OS and architecture .NET ships runtime packs for.</summary>
    public static TargetPlatform? TryParse(string rid)
    {
        var dash = rid.LastIndexOf('-');
        if (dash <= 0) return null;
        var (os, arch) = (rid[..dash], rid[(dash + 1)..]);
        if (!Architectures.Contains(arch)) return null;
        TargetOs? family = os switch
        {
            "linux" => TargetOs.LinuxGlibc,
            "linux-musl" => TargetOs.LinuxMusl,
            "osx" => TargetOs.MacOS,
            "win" => TargetOs.Windows,
            _ => null,
        };
        return family is { } f ? new TargetPlatform(rid, f, arch) : null;
    }

    public bool IsWindows => Os == TargetOs.Windows;

    /// <summary>File name of an executable: the SDK's apphost and the dotnet muxer are `.exe` on Windows only.</summary>
    public string ExecutableName(string name) => IsWindows ? name + ".exe" : name;

    /// <summary>ELF e_machine (EM_X86_64, EM_AARCH64, EM_386, EM_ARM).</summary>
    public ushort ElfMachine => Architecture switch { "x64" => 62, "arm64" => 183, "x86" => 3, _ => 40 };

    /// <summary>Mach-O cputype (CPU_TYPE_X86_64, CPU_TYPE_ARM64, CPU_TYPE_X86, CPU_TYPE_ARM).</summary>
    public uint MachOCpuType => Architecture switch { "x64" => 0x01000007, "arm64" => 0x0100000C, "x86" => 7, _ => 12 };

    /// <summary>PE/COFF Machine (AMD64, ARM64, I386, ARMNT).</summary>
    public ushort PeMachine => Architecture switch { "x64" => 0x8664, "arm64" => 0xAA64, "x86" => 0x014C, _ => 0x01C4 };

    /// <summary>
    /// ReadyToRun images record the target OS by XOR-ing the PE machine with a per-OS value (the runtime's
    /// IMAGE_FILE_MACHINE_NATIVE_OS_OVERRIDE): Windows 0, Linux 0x7B79, Apple 0x4644.
    /// </summary>
    public ushort ReadyToRunOsMask => Os switch { TargetOs.Windows => 0, TargetOs.MacOS => 0x4644, _ => 0x7B79 };

    /// <summary>The interpreter (PT_INTERP) of a dynamically linked executable for this target's C library.</summary>
    public string? ElfInterpreter => (Os, Architecture) switch
    {
        (TargetOs.LinuxGlibc, "x64") => "/lib64/ld-linux-x86-64.so.2",
        (TargetOs.LinuxGlibc, "arm64") => "/lib/ld-linux-aarch64.so.1",
        (TargetOs.LinuxGlibc, "x86") => "/lib/ld-linux.so.2",
        (TargetOs.LinuxGlibc, "arm") => "/lib/ld-linux-armhf.so.3",
        (TargetOs.LinuxMusl, "x64") => "/lib/ld-musl-x86_64.so.1",
        (TargetOs.LinuxMusl, "arm64") => "/lib/ld-musl-aarch64.so.1",
        (TargetOs.LinuxMusl, "x86") => "/lib/ld-musl-i386.so.1",
        (TargetOs.LinuxMusl, "arm") => "/lib/ld-musl-armhf.so.1",
        _ => null,
    };

    public string Describe() => Os switch
    {
        TargetOs.LinuxGlibc => $"Linux (glibc) {Architecture}",
        TargetOs.LinuxMusl => $"Linux (musl) {Architecture}",
        TargetOs.MacOS => $"macOS {Architecture}",
        _ => $"Windows {Architecture}",
    };
}
