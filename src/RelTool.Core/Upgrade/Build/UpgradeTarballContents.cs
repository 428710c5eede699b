using RelTool.Core.Release;
using RelTool.Formats.Layout;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// What the upgrade tarball leaves out of the staged release: everything a host that runs the base release already
/// has — its lib dirs, runtime/ when the runtime did not change, bin/&lt;name&gt; and overlay files when identical — and
/// what the target keeps for itself (releases/RELEASES, start_erl.data) or must not get twice (the tarballs).
/// </summary>
public static class UpgradeTarballContents
{
    public static string FileName(string releaseName, string fromVersion) => $"{releaseName}-from-{fromVersion}.tar.gz";

    /// <returns>Globs anchored at the release root, for <see cref="Layout.IReleaseArchiver"/> (<see cref="RelTool.Formats.Archive.ArchiveOptions.Exclude"/>).</returns>
    public static IReadOnlyList<string> Exclude(StagedRelease staged, string output, UpgradeBase from)
    {
        List<string> exclude =
        [
            "/" + ReleaseLayout.ReleasesFilePath,
            "/" + ReleaseLayout.StartErlDataPath,
            "/" + ReleaseLayout.ReleaseFilePath(staged.Version, "*.tar.gz"),
        ];
        exclude.AddRange(from.Rel.Applications.Select(a => "/" + ReleaseLayout.LibDirPath(a.Name, a.Version)));
        var runtimeChanged = from.Rel.ErtsVersion != staged.Runtime.RuntimeVersion || !Directory.Exists(new ReleaseRoot(output).RuntimeDir);
        if (!staged.IncludeRuntime || !runtimeChanged) exclude.Add("/" + ReleaseLayout.RuntimeDir);
        var launcher = ReleaseLayout.BinScriptPath(staged.Name);
        if (File.Exists(Path.Combine(output, launcher)) && FileTree.SameFile(Path.Combine(staged.Root, launcher), Path.Combine(output, launcher)))
            exclude.Add("/" + ReleaseLayout.BinDir);
        foreach (var top in Directory.EnumerateDirectories(staged.Root).Concat(Directory.EnumerateFiles(staged.Root)))
        {
            var name = Path.GetFileName(top);
            if (ReleaseLayout.BuiltTopLevel.Contains(name)) continue;
            var files = File.Exists(top) ? [name] : FileTree.RelativeFiles(top).Select(f => $"{name}/{f}");
            foreach (var file in files)
            {
                var existing = Path.Combine(output, file);
                if (File.Exists(existing) && FileTree.SameFile(Path.Combine(staged.Root, file), existing)) exclude.Add("/" + file);
            }
        }
        return exclude;
    }
}
