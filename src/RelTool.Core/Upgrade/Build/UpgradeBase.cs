using RelTool.Core.Release;
using RelTool.Core.Releases;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Upgrade.Build;

/// <summary>The release an upgrade build starts from: one version of the same release already in the output folder.</summary>
/// <param name="RelPath">Absolute path of releases/&lt;Version&gt;/&lt;name&gt;.rel.</param>
public sealed record UpgradeBase(string Version, string RelPath, RelFile Rel)
{
    /// <summary>
    /// <paramref name="upFrom"/>, else the newest version in releases/RELEASES other than <paramref name="newVersion"/>
    /// (any, when the new version is not known yet). It must be a release named <paramref name="name"/> whose .rel is there.
    /// </summary>
    /// <exception cref="ReleaseException">No such release, or it is another release's.</exception>
    public static UpgradeBase Find(string output, string name, string? newVersion, string? upFrom)
    {
        var (releasesPath, releases) = ReadReleases(output);
        var known = Known(releases);
        ReleaseEntry entry;
        if (upFrom is not null)
        {
            if (upFrom == newVersion) throw new ReleaseException($"--upfrom {upFrom} is the version being built; name an earlier release ({known})");
            entry = releases.Releases.FirstOrDefault(r => r.Version == upFrom)
                ?? throw new ReleaseException($"--upfrom {upFrom}: {releasesPath} has no release {upFrom} (it has: {known})");
        }
        else
        {
            entry = releases.Releases.Where(r => r.Version != newVersion).MaxBy(r => r.Version, VersionOrder.Instance)
                ?? throw new ReleaseException($"--upgrade: {releasesPath} has no release other than {newVersion} to upgrade from (it has: {known})");
        }

        var directory = new ReleaseRoot(output).ReleaseDir(entry.Version);
        var relPath = Path.Combine(directory, ReleaseLayout.RelFileName(name));
        if (!File.Exists(relPath))
        {
            var others = Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + ReleaseLayout.RelFileExtension).Select(Path.GetFileName).ToArray() : [];
            throw new ReleaseException(others.Length > 0
                ? $"--upgrade: release {entry.Version} in {output} is not a release of {name}: {directory} holds {string.Join(", ", others)}, not {name}.rel"
                : $"--upgrade: release {entry.Version} is listed in {releasesPath} but {relPath} is missing");
        }
        RelFile rel;
        try
        {
            rel = RelFile.Read(relPath);
        }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException or IOException)
        {
            throw new ReleaseException($"--upgrade: cannot read the base release: {e.Message}", e);
        }
        if (rel.Name != name || entry.Name != name)
            throw new ReleaseException($"--upgrade: release {entry.Version} in {output} is a release of {(rel.Name != name ? rel.Name : entry.Name)} ({relPath}), not of {name}");
        if (rel.Version != entry.Version)
            throw new ReleaseException($"--upgrade: {relPath} names version {rel.Version}, but lies in {ReleaseLayout.ReleaseDirPath(entry.Version)}/");
        return new UpgradeBase(entry.Version, relPath, rel);
    }

    /// <summary>
    /// Every --upfrom in the order given (<see cref="Find"/> checks each), or the one default base when there is none.
    /// </summary>
    /// <exception cref="ReleaseException">A base is not there, not this release's, or given twice.</exception>
    public static IReadOnlyList<UpgradeBase> FindAll(string output, string name, string? newVersion, IReadOnlyList<string> upFrom)
    {
        if (upFrom.Count == 0) return [Find(output, name, newVersion, null)];
        if (upFrom.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ReleaseException($"--upfrom {twice.Key} is given {twice.Count()} times; name each base release once");
        return [.. upFrom.Select(v => Find(output, name, newVersion, v))];
    }

    /// <summary>
    /// Before the build, when the new version may not be known yet: <see cref="FindAll"/> when it is (or --upfrom names
    /// the bases), else only that releases/RELEASES lists a release named <paramref name="name"/>.
    /// </summary>
    public static void CheckEarly(string output, string name, string? newVersion, IReadOnlyList<string> upFrom)
    {
        if (newVersion is not null || upFrom.Count > 0)
        {
            FindAll(output, name, newVersion, upFrom);
            return;
        }
        var (releasesPath, releases) = ReadReleases(output);
        if (!releases.Releases.Any(r => r.Name == name))
            throw new ReleaseException($"--upgrade: {releasesPath} lists no release of {name} to upgrade from (it has: {Known(releases)})");
    }

    private static (string Path, ReleasesFile Releases) ReadReleases(string output)
    {
        var releasesPath = new ReleaseRoot(output).ReleasesFilePath;
        if (!File.Exists(releasesPath))
            throw new ReleaseException($"--upgrade: no earlier release to upgrade from in {output} ({releasesPath} does not exist); build the first release without --upgrade");
        try
        {
            return (releasesPath, ReleasesFile.Read(releasesPath));
        }
        catch (Exception e) when (e is FormatException or Formats.FileProblemException or IOException)
        {
            throw new ReleaseException($"--upgrade: cannot read {releasesPath}: {e.Message}", e);
        }
    }

    private static string Known(ReleasesFile releases) =>
        string.Join(", ", releases.Releases.Select(r => $"{r.Name} {r.Version}")) is { Length: > 0 } k ? k : "none";
}
