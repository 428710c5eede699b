using System.Runtime.InteropServices;

namespace RelTool.Core.Release;

/// <summary>The portable runtime identifier of this machine (linux-x64, linux-musl-arm64, osx-arm64, win-x64).</summary>
public static class RuntimeIdentifiers
{
    public static string Current()
    {
        var os = OperatingSystem.IsWindows() ? "win"
            : OperatingSystem.IsMacOS() ? "osx"
            : OperatingSystem.IsLinux() ? (IsMusl() ? "linux-musl" : "linux")
            : OperatingSystem.IsFreeBSD() ? "freebsd"
            : "unix";
        return $"{os}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
    }

    private static bool IsMusl() => RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)
        || File.Exists("/etc/alpine-release");
}
