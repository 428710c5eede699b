namespace RelTool.Formats.Archive;

internal enum SourceEntryKind { Directory, File, SymbolicLink }

/// <summary>One thing in the directory being packed. <paramref name="RelativePath"/> uses `/` and has no trailing slash;
/// <paramref name="Stat"/> is known for files on Linux. <paramref name="Uid"/> and <paramref name="Gid"/> are 0 unless
/// <see cref="ArchiveOptions.Owner"/> names the entry.</summary>
internal sealed record SourceEntry(string RelativePath, SourceEntryKind Kind, int Mode, long Size, string FullPath, string? LinkTarget, UnixStat? Stat = null, int Uid = 0, int Gid = 0);
