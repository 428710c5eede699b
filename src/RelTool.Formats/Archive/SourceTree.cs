namespace RelTool.Formats.Archive;

/// <summary>Lists a directory in tree order: each directory before its contents, siblings by ordinal name, so every
/// subtree is one contiguous run of entries (what GNU tar's --sort=name gives too). Links are kept, never followed.
/// A grafted directory lists the contents of the directory it is grafted from.</summary>
internal sealed class SourceTree(ExcludeGlob exclude, IReadOnlySet<string> skipFullPaths, IReadOnlyDictionary<string, string> grafts)
{
    private readonly List<SourceEntry> entries = [];

    public static List<SourceEntry> Scan(string root, ExcludeGlob exclude, IReadOnlySet<string> skipFullPaths, IReadOnlyDictionary<string, string> grafts)
    {
        var tree = new SourceTree(exclude, skipFullPaths, grafts);
        tree.Walk(new DirectoryInfo(root), "");
        return tree.entries;
    }

    private void Walk(DirectoryInfo directory, string relativeDirectory)
    {
        var children = directory.GetFileSystemInfos();
        Array.Sort(children, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var child in children)
        {
            var relativePath = relativeDirectory.Length == 0 ? child.Name : $"{relativeDirectory}/{child.Name}";
            if (skipFullPaths.Contains(child.FullName) || exclude.Matches(relativePath)) continue;
            if (child.LinkTarget is { } target)
            {
                if (RelativeLinkTarget.Check(relativePath, target) is { } problem)
                    throw new ArchiveException(child.FullName, $"symbolic link not allowed in a release: {problem}");
                entries.Add(new SourceEntry(relativePath, SourceEntryKind.SymbolicLink, 0b111_111_111, 0, child.FullName, target));
            }
            else if (child is DirectoryInfo subdirectory)
            {
                var contents = grafts.TryGetValue(relativePath, out var graft) ? new DirectoryInfo(graft) : subdirectory;
                entries.Add(new SourceEntry(relativePath, SourceEntryKind.Directory, ModeOf(contents), 0, contents.FullName, null));
                Walk(contents, relativePath);
            }
            else if (child is FileInfo file && UnixStat.Of(file.FullName) is var stat && stat is not { IsRegularFile: false })
            {
                entries.Add(new SourceEntry(relativePath, SourceEntryKind.File, ModeOf(child), file.Length, child.FullName, null, stat));
            }
            else
            {
                throw new ArchiveException(child.FullName, "not a regular file, directory or symbolic link (fifo, socket or device)");
            }
        }
    }

    private static int ModeOf(FileSystemInfo info) =>
        OperatingSystem.IsWindows()
            ? info is DirectoryInfo ? 0b111_101_101 : 0b110_100_100
            : (int)info.UnixFileMode;
}
