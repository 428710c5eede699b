namespace RelTool.Formats.Archive;

/// <summary>A run of the tar stream: header bytes, a file's content, or zero padding.</summary>
internal sealed record TarPiece(long Offset, long Length, byte[]? Bytes, SourceEntry? File)
{
    public long End => Offset + Length;
}
