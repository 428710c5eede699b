using RelTool.Core.Layout;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Trust;

namespace RelTool.Core.Release;

/// <summary>
/// What the output folder already holds that the staged release would replace: the same release version, and lib
/// dirs of the same name and version. Identical lib dirs are shared; anything else is refused unless overwriting.
/// Only what releases/RELEASES names counts: a releases/&lt;Vsn&gt;/ or lib dir it does not name is what a run killed
/// during its commit left (the commit registers the release last), and is replaced without --overwrite.
/// </summary>
public sealed record ExistingReleaseCheck(bool ReleaseExists, IReadOnlyList<string> ReleaseDifferences, IReadOnlySet<string> SharedLibDirs, IReadOnlyList<string> ConflictingLibDirs)
{
    public static ExistingReleaseCheck Inspect(StagedRelease staged, string output)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        var conflicting = new List<string>();
        var differences = new List<string>();
        var registered = Registered(output);
        foreach (var application in staged.Applications)
        {
            var existing = new ReleaseRoot(output).LibDirOf(application.DirectoryName);
            if (!Directory.Exists(existing)) continue;
            var differ = FileTree.Differences(new ReleaseRoot(staged.Root).LibDirOf(application.DirectoryName), existing);
            if (differ.Count == 0) shared.Add(application.DirectoryName);
            else if (registered.LibDirs.Contains(Path.GetFullPath(existing)))
            {
                conflicting.Add(application.LibDirectory);
                differences.AddRange(differ.Select(d => $"{application.LibDirectory}/{d}"));
            }
        }
        var existingRelease = new ReleaseRoot(output).ReleaseDir(staged.Version);
        var releaseExists = Directory.Exists(existingRelease) && registered.Versions.Contains(staged.Version);
        if (releaseExists)
            differences.AddRange(FileTree.Differences(staged.ReleaseDirectory, existingRelease, IsTarballOrSignature)
                .Select(d => ReleaseLayout.ReleaseFilePath(staged.Version, d)));
        return new ExistingReleaseCheck(releaseExists, differences, shared, conflicting);
    }

    /// <summary>Throws when the release may not be written without --overwrite, saying what is there and how it differs.</summary>
    public void ThrowUnlessAllowed(StagedRelease staged, string output, bool overwrite)
    {
        if (overwrite) return;
        if (ReleaseExists)
        {
            var how = ReleaseDifferences.Count == 0
                ? "and is identical to this build"
                : $"with different content ({ReleaseDifferences.Count} file(s) differ: {Sample(ReleaseDifferences)})";
            throw new ReleaseException($"release {staged.Name} {staged.Version} already exists in {output} {how}; pass --overwrite to replace it");
        }
        if (ConflictingLibDirs.Count > 0)
            throw new ReleaseException(
                $"{string.Join(", ", ConflictingLibDirs)} already exist(s) in {output} with different content ({Sample(ReleaseDifferences)}): " +
                "an earlier release uses the same application version; bump the version of what changed, or pass --overwrite to replace it");
    }

    /// <summary>The versions and lib dirs (full paths) releases/RELEASES names; none when there is no RELEASES.</summary>
    private static (HashSet<string> Versions, HashSet<string> LibDirs) Registered(string output)
    {
        var file = new ReleaseRoot(output).ReleasesFilePath;
        if (!File.Exists(file)) return ([], []);
        var releases = ReleasesFile.Read(file).Releases;
        return (releases.Select(r => r.Version).ToHashSet(StringComparer.Ordinal),
            releases.SelectMany(r => r.Applications).Select(a => Path.GetFullPath(Path.Combine(output, a.LibDir))).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The release's own tarballs (full and upgrade) in releases/&lt;Vsn&gt;/: packed after the check, never compared.</summary>
    /// <summary>Tarballs and signatures are not compared: they are written after this check, and ECDSA signatures differ on every signing.</summary>
    private static bool IsTarballOrSignature(string path) =>
        !path.Contains('/') && (path.EndsWith(".tar.gz", StringComparison.Ordinal) || path.EndsWith(TrustFiles.SignatureSuffix, StringComparison.Ordinal));

    private static string Sample(IReadOnlyList<string> paths) =>
        string.Join(", ", paths.Take(5)) + (paths.Count > 5 ? ", ..." : "");
}
