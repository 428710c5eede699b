namespace RelTool.Formats.Archive;

/// <summary>What a write produced.</summary>
/// <param name="Entries">tar entries (directories, files, symbolic links)</param>
/// <param name="TarBytes">size of the uncompressed tar stream</param>
/// <param name="CompressedBytes">size of the written file</param>
/// <param name="Segments">independently cached groups of entries (see <see cref="SegmentPlanner"/>)</param>
/// <param name="SegmentsFromCache">segments spliced in from the cache instead of compressed</param>
/// <param name="BytesFromCache">compressed bytes spliced in from the cache</param>
/// <param name="Timestamp">modification time stamped on every entry</param>
/// <param name="SourceBytesRead">tar bytes of the segments whose files were read (to hash or compress them); the others
/// were recognised as unchanged by their files' stat alone</param>
public sealed record ArchiveResult(
    string OutputFile,
    int Entries,
    long TarBytes,
    long CompressedBytes,
    int Segments,
    int SegmentsFromCache,
    long BytesFromCache,
    DateTimeOffset Timestamp,
    long SourceBytesRead);
