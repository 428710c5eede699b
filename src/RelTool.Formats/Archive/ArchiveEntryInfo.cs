namespace RelTool.Formats.Archive;

public enum ArchiveEntryKind { Directory, File, SymbolicLink, HardLink }

/// <summary>One entry of a release tarball. <paramref name="Path"/> is relative, `/`-separated, without `./` or a
/// trailing slash; <paramref name="LinkTarget"/> is set for links (a hard link's is an archive path).</summary>
public sealed record ArchiveEntryInfo(string Path, ArchiveEntryKind Kind, int Mode, long Size, string? LinkTarget, DateTimeOffset ModificationTime);
