using RelTool.Core.Release;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// What the upgrade tarball leaves out of the staged release: everything a host that runs the base release already
/// has — its lib dirs, runtime/ when the runtime did not change, bin/&lt;name&gt; and overlay files when identical — and
/// what the target keeps for itself (releases/RELEASES, start_erl.data) or must not get twice (the tarballs).
/// </summary>
public static class UpgradeTarballContents
{
    private static readonly string[] OwnTopLevel = ["bin", "lib", "runtime", "releases"];

    public static string FileName(string releaseName, string fromVersion) => $"{releaseName}-from-{fromVersion}.tar.gz";

    /// <returns>Globs anchored at the release root, for <see cref="Layout.IReleaseArchiver"/>.</returns>
    public static IReadOnlyList<string> Exclude(StagedRelease staged, string output, UpgradeBase from)
    {
        List<string> exclude =
        [
            "/releases/RELEASES",
            "/releases/start_erl.data",
            $"/releases/{staged.Version}/*.tar.gz",
        ];
        exclude.AddRange(from.Rel.Applications.Select(a => $"/lib/{a.Name}-{a.Version}"));
        var runtimeChanged = from.Rel.ErtsVersion != staged.Runtime.RuntimeVersion || !Directory.Exists(Path.Combine(output, "runtime"));
        if (!staged.IncludeRuntime || !runtimeChanged) exclude.Add("/runtime");
        var launcher = Path.Combine("bin", staged.Name);
        if (File.Exists(Path.Combine(output, launcher)) && FileTree.SameFile(Path.Combine(staged.Root, launcher), Path.Combine(output, launcher)))
            exclude.Add("/bin");
        foreach (var top in Directory.EnumerateDirectories(staged.Root).Concat(Directory.EnumerateFiles(staged.Root)))
        {
            var name = Path.GetFileName(top);
            if (OwnTopLevel.Contains(name)) continue;
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
