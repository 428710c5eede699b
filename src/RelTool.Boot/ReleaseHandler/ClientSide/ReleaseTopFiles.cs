using RelTool.Boot.Layout;
using RelTool.Formats.Archive;

namespace RelTool.Boot.ReleaseHandler.ClientSide;

/// <summary>
/// The part of unpack that installs a release's files outside lib/, runtime/ and releases/: a changed bin/&lt;name&gt;
/// and the overlay files the new release adds or changes (var/..., a shared script). etc/ belongs to the operator: a
/// file there is written only when it is missing (an overlay seeds it), never replaced. Each file is moved into place
/// on its own (rename), so a running node and a shell running the old bin/&lt;name&gt; are not disturbed.
/// </summary>
public static class ReleaseTopFiles
{
    /// <summary>The paths <see cref="Install"/> would write: what the tarball has there, minus etc/ files the root already has.</summary>
    public static IReadOnlyList<string> Select(IReadOnlyList<ArchiveEntryInfo> entries, ReleaseRoot root)
    {
        return entries
            .Where(e => e.Kind is ArchiveEntryKind.File or ArchiveEntryKind.SymbolicLink)
            .Select(e => e.Path)
            .Where(p => p.Split('/') is [var top, _, ..] && !ReleaseLayout.VersionedTopLevel.Contains(top, StringComparer.Ordinal)
                        && !(top == ReleaseLayout.EtcDir && (File.Exists(Path.Combine(root.Dir, p)) || Directory.Exists(Path.Combine(root.Dir, p)))))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <returns>How many files were written (identical ones are left alone).</returns>
    public static int Install(string tarball, IReadOnlyList<ArchiveEntryInfo> entries, ReleaseRoot root)
    {
        var paths = Select(entries, root);
        if (paths.Count == 0) return 0;
        return ReleaseArchive.Extract(tarball, root.Dir, new ExtractOptions { OnlyUnder = paths, SkipIdentical = true }).Written;
    }
}
