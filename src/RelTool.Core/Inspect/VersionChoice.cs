using System.Collections.Immutable;
using RelTool.Core.Releases;
using RelTool.Formats.Layout;

namespace RelTool.Core.Inspect;

/// <summary>Which releases/&lt;V&gt;/ to inspect: --version, else what start_erl.data names, else the permanent one of RELEASES,
/// else the newest one holding a .rel.</summary>
internal static class VersionChoice
{
    /// <summary>The version and why; null when a damaged tarball stopped before any release could be found.</summary>
    /// <exception cref="ReleaseReadException">--version names no release, or there is no release at all</exception>
    public static (string Version, VersionSource Source)? Choose(
        string input, ReleaseFiles files, string? requested, StartErlFacts? startErl, ImmutableArray<InstalledRelease>? installed)
    {
        bool Exists(string version) => files.HasDirectory(ReleaseLayout.ReleaseDirPath(version));
        var withRel = files.Subdirectories(ReleaseLayout.ReleasesDir)
            .Where(v => files.FilesIn(ReleaseLayout.ReleaseDirPath(v)).Any(f => f.EndsWith(ReleaseLayout.RelFileExtension, StringComparison.Ordinal)))
            .Order(VersionOrder.Instance).ToImmutableArray();
        if (requested is not null)
        {
            if (Exists(requested)) return (requested, VersionSource.Option);
            if (!files.Complete) return null;
            throw new ReleaseReadException($"{input}: no release {requested} ({ReleaseLayout.ReleaseDirPath(requested)}/ does not exist; found: {Found(withRel)})");
        }
        if (startErl is not null && Exists(startErl.ReleaseVersion)) return (startErl.ReleaseVersion, VersionSource.StartErlData);
        if (installed?.FirstOrDefault(r => r.Status == "permanent") is { } permanent && Exists(permanent.Version))
            return (permanent.Version, VersionSource.Permanent);
        if (!withRel.IsEmpty) return (withRel[^1], VersionSource.Newest);
        if (!files.Complete) return null;
        throw new ReleaseReadException($"{input}: not a release: no releases/<vsn>/<name>.rel; give a release directory or a tarball made by `reltool release`");
    }

    private static string Found(ImmutableArray<string> versions) => versions.IsEmpty ? "none" : string.Join(", ", versions);
}
