using System.Globalization;
using System.Text;
using RelTool.Formats.Layout;

namespace RelTool.Core.Inspect.Output;

/// <summary>The plain text of an <see cref="Inspection"/>, for people; stable (fixed order, no timings) so CI can compare it.
/// The format is described in docs/inspect.md.</summary>
public static class InspectText
{
    public static string Format(Inspection inspection)
    {
        var text = new StringBuilder();
        var release = inspection.Release;
        text.Append(release is null
            ? "release ? (the tarball is damaged before a release could be read)\n"
            : $"release {release.Name ?? "?"} {release.Version} ({Source(release.ChosenBy)})\n");
        text.Append(inspection.Tarball is { } tarball ? Tarball(inspection, tarball) : $"  directory {inspection.Input}\n");
        if (release is not null) text.Append($"  runtime {release.RuntimeVersion ?? "?"}, {Runtime(inspection)}\n");
        if (release?.RuntimeIdentifier is { } rid) text.Append($"  target {rid}: {Target(release)}\n");
        if (inspection.Installed is { } installed)
        {
            text.Append(ReleaseLayout.ReleasesFilePath + ":\n");
            var rows = installed.Select(r => new[] { $"{r.Name} {r.Version}", r.Status, $"runtime {r.RuntimeVersion}" }).ToList();
            AppendColumns(text, rows, []);
        }
        if (release is not null)
        {
            if (release.RelFile is not null)
            {
                text.Append($"applications ({release.RelFile}):\n");
                AppendColumns(text, release.Applications.Select(a => Application(inspection, a)).ToList(), [2, 3, 4]);
            }
            text.Append(Relup(release)).Append('\n');
        }
        if (inspection.Trust is { } trust) text.Append(Trust(inspection, trust));
        if (inspection.Ok) text.Append("no problems\n");
        else
        {
            text.Append($"{inspection.Problems.Length} problem(s):\n");
            foreach (var problem in inspection.Problems) text.Append("  ").Append(problem).Append('\n');
        }
        return text.ToString();
    }

    private static string Source(VersionSource source) => source switch
    {
        VersionSource.Option => "--version",
        VersionSource.StartErlData => "from releases/start_erl.data",
        VersionSource.Permanent => "the permanent one in releases/RELEASES",
        _ => "the newest in releases/",
    };

    private static string Tarball(Inspection inspection, TarballFacts tarball)
    {
        var kind = inspection.Kind == InputKind.UpgradeTarball ? " (upgrade tarball: only what a host with an earlier release lacks)" : "";
        var verdict = tarball.Verified ? $"{tarball.Entries} entries, verified" : $"{tarball.Entries} entries read, verification FAILED";
        var partial = tarball.Verified ? "" : "    below: what the entries before the damage hold; what they lack is not checked\n";
        return $"  tarball {inspection.Input}{kind}\n    {Size(tarball.Bytes)} ({tarball.Bytes} bytes), {verdict}\n    sha256 {tarball.Sha256}\n{partial}";
    }

    private static string Target(InspectedRelease release) =>
        release.BinariesChecked is { } count ? $"{count} binaries checked against it" : "not a runtime identifier reltool knows; binaries not checked";

    private static string Runtime(Inspection inspection)
    {
        var runtime = inspection.Runtime;
        if (!runtime.Bundled)
            return inspection.Kind == InputKind.UpgradeTarball ? "not in this tarball (the target's runtime/ is used)" : "not bundled (the host's dotnet is used)";
        var frameworks = runtime.Frameworks.IsEmpty ? "no shared frameworks" : string.Join(", ", runtime.Frameworks.Select(f => $"{f.Name} {Versions(f.Versions)}"));
        return $"bundled: {frameworks}; hostfxr {Versions(runtime.HostFxrVersions)}";
    }

    private static string[] Application(Inspection inspection, InspectedApplication a)
    {
        if (!a.Present) return [a.Name, a.Version, inspection.Kind == InputKind.UpgradeTarball ? "not in this tarball" : "missing"];
        return [a.Name, a.Version, $"{a.Files} file(s)", Size(a.Bytes), $"{(a.Modules is { } m ? m.ToString(CultureInfo.InvariantCulture) : "?")} module(s)", a.HasAppup ? "appup" : ""];
    }

    private static string Relup(InspectedRelease release) => release.Relup switch
    {
        null => "relup: none",
        { Readable: false } r => $"relup ({r.File}): unreadable",
        var r => $"relup ({r.File}): up from {Versions(r.UpFrom)}; down to {Versions(r.DownTo)}",
    };

    private static string Trust(Inspection inspection, TrustFacts trust)
    {
        var text = new StringBuilder();
        text.Append(trust.Sbom is null ? "sbom: none\n" : $"sbom ({trust.Sbom}): CycloneDX, {trust.SbomComponents?.ToString(CultureInfo.InvariantCulture) ?? "?"} component(s)\n");
        text.Append(trust.Checksums is null ? "checksums: none\n"
            : trust.ChecksumFiles is not { } listed ? $"checksums ({trust.Checksums}): unreadable\n"
            : trust.ChecksumMismatches is { } mismatched
                ? $"checksums ({trust.Checksums}): {listed} file(s), {(mismatched == 0 ? "all match" : $"{mismatched} missing or changed")}\n"
                : $"checksums ({trust.Checksums}): {listed} file(s) listed; contents not compared (extract the tarball and inspect the directory)\n");
        var signature = trust.Signature;
        text.Append(signature.State switch
        {
            "valid" => $"signature ({signature.SignedFile}): valid, by {signature.Key}",
            "signed" => $"signature ({signature.SignedFile}): signed, not verified (give --key PUB)",
            "invalid" => $"signature ({signature.SignedFile}): INVALID for the --key given",
            _ => "signature: unsigned",
        }).Append('\n');
        text.Append(trust.TrustedKeys.IsEmpty
            ? (inspection.Kind == InputKind.Directory ? "trusted keys: none (unpack accepts unsigned tarballs)\n" : "trusted keys: none\n")
            : $"trusted keys: {string.Join(", ", trust.TrustedKeys)}\n");
        return text.ToString();
    }

    private static string Versions(IReadOnlyCollection<string> versions) => versions.Count == 0 ? "none" : string.Join(", ", versions);

    /// <summary>Rows as columns two spaces apart, each as wide as its widest cell; the <paramref name="rightAligned"/> columns of
    /// complete rows (counts and sizes) are right-aligned.</summary>
    private static void AppendColumns(StringBuilder text, List<string[]> rows, int[] rightAligned)
    {
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        // The last cell of a short row ("missing") may run past the columns it stands in.
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Length && (r.Length == columns || c < r.Length - 1) ? r[c].Length : 0)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder("  ");
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(row.Length == columns && rightAligned.Contains(c) ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
            }
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
