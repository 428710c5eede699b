using System.Collections.Immutable;

namespace RelTool.Core.Diff;

/// <summary>
/// The files of an application directory that the diff compares: everything except the manifests
/// reltool writes there (&lt;App&gt;.app carries the version, &lt;App&gt;.appup the upgrade) and PDBs
/// (debug information only; they change with every build).
/// </summary>
internal static class AppFiles
{
    public static ImmutableSortedSet<string> List(string directory, string appName)
    {
        var files = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, path).Replace('\\', '/');
            if (relative == appName + ".app" || relative == appName + ".appup") continue;
            if (relative.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)) continue;
            files.Add(relative);
        }
        return files.ToImmutable();
    }

    /// <summary>A module candidate: an assembly directly in the application directory (not a satellite or RID-specific copy).</summary>
    public static bool IsModulePath(string relative) =>
        !relative.Contains('/') &&
        (relative.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || relative.EndsWith(".exe", StringComparison.OrdinalIgnoreCase));
}
