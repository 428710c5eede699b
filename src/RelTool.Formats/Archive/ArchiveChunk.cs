namespace RelTool.Formats.Archive;

/// <summary>A slice of one segment's tar bytes that becomes one gzip member.</summary>
internal sealed record ArchiveChunk(int Segment, long Offset, int Length);
