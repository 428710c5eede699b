namespace RelTool.Formats.Archive;

/// <summary>A contiguous run of entries compressed on its own into one or more gzip members, and cached as a unit.</summary>
internal sealed class ArchiveSegment
{
    private readonly List<TarPiece> pieces = [];
    private readonly List<(SourceEntry Entry, byte[] Header)> entries = [];

    public ArchiveSegment(string name, bool cacheable)
    {
        Name = name;
        Cacheable = cacheable;
    }

    /// <summary>Path of its first entry, for messages.</summary>
    public string Name { get; }

    /// <summary>False for the end-of-archive blocks, which cost nothing to compress.</summary>
    public bool Cacheable { get; }

    public IReadOnlyList<(SourceEntry Entry, byte[] Header)> Entries => entries;
    public long Length { get; private set; }

    public void Add(byte[] header, SourceEntry entry)
    {
        entries.Add((entry, header));
        AddBytes(header);
        if (entry.Kind != SourceEntryKind.File || entry.Size == 0) return;
        pieces.Add(new TarPiece(Length, entry.Size, null, entry));
        Length += entry.Size;
        var padding = (TarHeader.BlockSize - entry.Size % TarHeader.BlockSize) % TarHeader.BlockSize;
        if (padding > 0) AddBytes(new byte[padding]);
    }

    public void AddBytes(byte[] bytes)
    {
        pieces.Add(new TarPiece(Length, bytes.Length, bytes, null));
        Length += bytes.Length;
    }

    /// <summary>Fills <paramref name="destination"/> with the tar bytes at <paramref name="offset"/>, reading files as needed.</summary>
    public void Read(long offset, Span<byte> destination)
    {
        var index = FindPiece(offset);
        var written = 0;
        while (written < destination.Length)
        {
            var piece = pieces[index++];
            var from = offset + written - piece.Offset;
            var count = (int)Math.Min(piece.Length - from, destination.Length - written);
            var target = destination.Slice(written, count);
            if (piece.Bytes is not null) piece.Bytes.AsSpan((int)from, count).CopyTo(target);
            else ReadFile(piece.File!, from, target);
            written += count;
        }
    }

    private static void ReadFile(SourceEntry file, long offset, Span<byte> destination)
    {
        using var handle = File.OpenHandle(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (RandomAccess.GetLength(handle) != file.Size)
            throw new ArchiveException(file.FullPath, "changed size while being archived");
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], offset + done);
            if (read == 0) throw new ArchiveException(file.FullPath, "shrank while being archived");
            done += read;
        }
    }

    private int FindPiece(long offset)
    {
        int low = 0, high = pieces.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (pieces[mid].Offset <= offset) low = mid;
            else high = mid - 1;
        }
        return low;
    }
}
