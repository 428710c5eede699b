using RelTool.Core.Diff;
using RelTool.Core.Release;
using RelTool.Formats.Layout;

namespace RelTool.Core.Upgrade.Build;

/// <summary>
/// Applications of the base release whose name and version the new release keeps: their lib dir is shared, so the
/// staged copy is replaced by the one in the output (a rebuild may differ in bytes, e.g. a PDB, but not in code).
/// When the code did change under the same version, the lib dir cannot hold both: that is an error, or with
/// --allow-same-version a warning, and the new release keeps the existing (old) code of that application.
/// </summary>
public static class LibDirSharing
{
    /// <summary>
    /// With several bases: an application of the new release is checked against every base that has it with the same
    /// version (they all use the one lib/&lt;App&gt;-&lt;Vsn&gt; of the output). It is shared when its code is unchanged
    /// against all of them; a change against any of them is refused (or, with --allow-same-version, warned about once,
    /// naming those bases) exactly as with one base. Bases with another version of it do not matter here.
    /// </summary>
    /// <param name="warnings">Receives the --allow-same-version warnings, by base version.</param>
    /// <returns>The lib dir names taken from the output.</returns>
    public static IReadOnlyList<string> Adopt(StagedRelease staged, string output, IReadOnlyList<BaseComparison> bases, bool allowSameVersion, Dictionary<string, List<string>> warnings)
    {
        var adopted = new List<string>();
        var refused = new List<string>();
        foreach (var application in staged.Applications)
        {
            var sameVersion = bases.Where(b => b.Old.Applications.Any(a => a.Name == application.Name && a.Version == application.Version)).ToList();
            if (sameVersion.Count == 0) continue;
            var changed = sameVersion
                .Select(b => (Base: b, Change: b.Diff.Applications.FirstOrDefault(a => a.Name == application.Name)))
                .Where(c => c.Change is not null)
                .ToList();
            // A change other than "code changed, version did not" (e.g. only the .app): not shared, as with one base.
            if (changed.Any(c => !c.Change!.CodeChangedWithoutVersionBump)) continue;
            if (changed.Count > 0)
            {
                var (first, change) = (changed[0].Base, changed[0].Change!);
                if (!allowSameVersion || change.Files.Any(f => f.Kind != ChangeKind.Changed))
                {
                    refused.Add(Explain(change, application.Kind == Layout.ApplicationKind.Launcher, allowSameVersion, first.From.Version));
                    continue;
                }
                var versions = string.Join(" and ", sameVersion.Select(b => b.From.Version));
                var warning = $"{change.Name} {change.NewVersion} changed ({What(change)}) but its version did not: --allow-same-version keeps " +
                              $"{application.LibDirectory} of release {versions}, so this release runs the old code of {change.Name}; bump its Version to ship the change";
                foreach (var b in sameVersion) Add(warnings, b.From.Version, warning);
            }
            var staging = new ReleaseRoot(staged.Root).LibDirOf(application.DirectoryName);
            Directory.Delete(staging, recursive: true);
            FileTree.CopyDirectory(new ReleaseRoot(output).LibDirOf(application.DirectoryName), staging);
            adopted.Add(application.DirectoryName);
        }
        if (refused.Count > 0) throw new ReleaseException(string.Join("\n", refused));
        return adopted;
    }

    private static void Add(Dictionary<string, List<string>> warnings, string version, string warning)
    {
        if (!warnings.TryGetValue(version, out var list)) warnings[version] = list = [];
        list.Add(warning);
    }

    private static string Explain(AppDiff change, bool launcher, bool allowSameVersion, string baseVersion)
    {
        var where = $"{change.Name} {change.NewVersion} changed ({What(change)}) but its version did not, and {ReleaseLayout.LibDirPath(change.Name, change.NewVersion!)} already holds release {baseVersion}'s code";
        if (launcher) return $"{where}: this reltool's launcher differs from the one that built release {baseVersion}; build with that reltool, or bump reltool's version";
        if (allowSameVersion) return $"{where}; --allow-same-version cannot keep the old lib dir because files were added or removed; bump {change.Name}'s Version";
        return $"{where}; bump {change.Name}'s Version (e.g. <Version> in its project), or pass --allow-same-version to keep the old code in this release";
    }

    private static string What(AppDiff change)
    {
        var modules = change.Modules.Select(m => $"{m.Name} {m.Kind.ToString().ToLowerInvariant()}").ToList();
        var others = change.Files.Where(f => !change.Modules.Any(m => m.Old?.Path == f.Path || m.New?.Path == f.Path))
            .Select(f => $"{f.Path} {f.Kind.ToString().ToLowerInvariant()}");
        return string.Join(", ", modules.Concat(others).Take(8)) + (modules.Count + others.Count() > 8 ? ", ..." : "");
    }
}
