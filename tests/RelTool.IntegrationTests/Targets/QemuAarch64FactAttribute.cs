namespace RelTool.IntegrationTests.Targets;

/// <summary>
/// A fact that needs linux-arm64 binaries to run on this x64 machine: Debian's qemu-user with its binfmt_misc handler
/// (registered here when it is not and the kernel lets us), and an arm64 glibc, libstdc++ and OpenSSL (Debian multiarch:
/// libc6:arm64, libstdc++6:arm64, libssl3:arm64; .ci/run installs them). Where any is missing the test is skipped and
/// says why — never passed.
/// </summary>
public sealed class QemuAarch64FactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public QemuAarch64FactAttribute()
    {
        if (Missing.Value is { } reason) Skip = $"cannot run linux-arm64 binaries here: {reason}";
    }

    private const string BinfmtDir = "/proc/sys/fs/binfmt_misc";
    private const string Handler = BinfmtDir + "/qemu-aarch64";
    private const string Registration = "/usr/lib/binfmt.d/qemu-aarch64.conf";

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            return "the emulation test is for x64 Linux hosts";
        if (!File.Exists("/usr/bin/qemu-aarch64")) return "qemu-user is not installed (apt-get install qemu-user qemu-user-binfmt)";
        foreach (var library in new[] { "/lib/ld-linux-aarch64.so.1", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libssl.so.3" })
            if (!File.Exists(library)) return $"{library} is missing (dpkg --add-architecture arm64; apt-get install libstdc++6:arm64 libssl3:arm64)";
        if (File.Exists(Handler)) return File.ReadAllText(Handler).StartsWith("enabled", StringComparison.Ordinal) ? null : $"{Handler} is disabled";
        return Register();
    }

    /// <summary>Registers Debian's handler the way systemd-binfmt would; where the kernel refuses, says so.</summary>
    private static string? Register()
    {
        if (!File.Exists(Registration)) return $"{Registration} is missing (apt-get install qemu-user-binfmt)";
        try
        {
            if (!File.Exists(Path.Combine(BinfmtDir, "register")))
            {
                using var mount = System.Diagnostics.Process.Start("mount", ["-t", "binfmt_misc", "binfmt_misc", BinfmtDir]);
                mount.WaitForExit();
            }
            File.WriteAllText(Path.Combine(BinfmtDir, "register"), File.ReadAllText(Registration).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return $"the kernel does not let this process register the qemu-aarch64 binfmt_misc handler: {e.Message}";
        }
        return File.Exists(Handler) ? null : $"registering {Registration} in {BinfmtDir} left no {Handler}";
    }
}
