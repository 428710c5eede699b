using System.Globalization;
using RelTool.Core.Release;
using RelTool.Core.Upgrade.Build;

namespace RelTool.Output;

/// <summary>The short text `reltool release` prints for people.</summary>
public static class ReleaseSummary
{
    public static void Write(TextWriter output, ReleaseResult result)
    {
        output.WriteLine($"release {result.Name} {result.Version} ({result.Environment}: {result.Configuration}, {result.RuntimeIdentifier}, runtime {result.RuntimeVersion}{(result.IncludeRuntime ? " bundled" : " from the host")})");
        output.WriteLine($"  in {result.OutputDirectory}{(result.ReplacedExisting ? " (replaced the existing release)" : "")}");
        var nameWidth = result.Applications.Max(a => a.Name.Length);
        var versionWidth = result.Applications.Max(a => a.Version.Length);
        foreach (var application in result.Applications)
            output.WriteLine($"  {application.Name.PadRight(nameWidth)}  {application.Version.PadRight(versionWidth)}  {Size(application.Bytes),9}  {application.Files,3} file(s){(application.Shared ? "  (already there, shared)" : "")}");
        if (result.TarballPath is not null)
            output.WriteLine($"  tarball {result.TarballPath} ({Size(result.TarballBytes ?? 0)}, sha256 {result.TarballSha256})");
        if (result.Trust is { } trust)
        {
            output.WriteLine($"  sbom {trust.Sbom}");
            output.WriteLine($"  checksums {trust.Checksums}");
            output.WriteLine(trust.Signatures.IsEmpty ? "  unsigned (no --sign-key)" : $"  signed: {trust.Signatures.Length} signature(s) ({string.Join(", ", trust.Signatures.Select(Path.GetFileName))})");
            if (!trust.TrustedKeys.IsEmpty) output.WriteLine($"  trusted keys: {string.Join(", ", trust.TrustedKeys.Select(Path.GetFileName))}");
        }
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var upgrade in result.Upgrades) WriteUpgrade(output, result, upgrade, warned);
        if (result.Warnings.Length > 0) output.WriteLine($"  {result.Warnings.Length} build warning(s)");
        foreach (var notice in result.Notices) output.WriteLine($"  note: {notice}");
    }

    /// <param name="warned">Warnings already printed for another base (relup warnings are every base's).</param>
    private static void WriteUpgrade(TextWriter output, ReleaseResult result, UpgradeResult upgrade, HashSet<string> warned)
    {
        output.WriteLine($"  upgrade from {upgrade.FromVersion}: {upgrade.Appups.Length} appup(s), relup {upgrade.RelupPath}");
        foreach (var appup in upgrade.Appups)
            output.WriteLine($"    {appup.Application} {appup.FromVersion} -> {appup.ToVersion}  {(appup.HandWritten is null ? "generated" : "hand-written: " + appup.HandWritten)}");
        if (upgrade.TarballPath is not null)
            output.WriteLine($"  upgrade tarball {upgrade.TarballPath} ({Size(upgrade.TarballBytes ?? 0)}{Fraction(upgrade.TarballBytes, result.TarballBytes)})");
        foreach (var warning in upgrade.Warnings.Where(warned.Add)) output.WriteLine($"  warning: {warning}");
    }

    private static string Fraction(long? part, long? whole) =>
        part is { } p && whole is > 0 ? $", {Percent(100.0 * p / whole.Value)}% of the full tarball" : "";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };

    /// <summary>One decimal, or two significant digits below 1% (an upgrade tarball of a few KiB is not "0.0%").</summary>
    private static string Percent(double value) =>
        value is >= 1 or <= 0
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : Math.Round(value, 1 - (int)Math.Floor(Math.Log10(value))).ToString("0.##########", CultureInfo.InvariantCulture);
}
