namespace RelTool.Formats.Archive;

/// <summary>How <see cref="ReleaseArchive.Write"/> packs a directory.</summary>
public sealed record ArchiveOptions
{
    /// <summary>Globs on paths relative to the source directory (`/` separated): `*` and `?` stay within one
    /// name, `**` spans names. A matching directory is excluded with everything below it.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Directory that keeps compressed segments of earlier writes; null disables reuse.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Upper bound of the cache after a write; the least recently used segments go first.</summary>
    public long CacheMaxBytes { get; init; } = 2L << 30;

    /// <summary>zlib level 1–9. 7 keeps the output within 3% of `gzip -6` (the zlib-ng levels below 7 trade size for speed).</summary>
    public int CompressionLevel { get; init; } = 7;

    /// <summary>Bytes of tar stream per gzip member. Part of the output format: it never depends on the core count.</summary>
    public int ChunkSize { get; init; } = 2 << 20;

    /// <summary>Modification time of every entry; null reads SOURCE_DATE_EPOCH, else <see cref="ArchiveTimestamp.Default"/>.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Directories whose contents come from elsewhere: archive path (relative, `/` separated, an existing and
    /// empty directory of the source) → the directory on disk to pack there. `reltool release` packs a runtime folder
    /// that the output already holds (and keeps) from there instead of copying it into its staging tree.</summary>
    public IReadOnlyDictionary<string, string> Grafts { get; init; } = new Dictionary<string, string>();

    /// <summary>What the cache's stat index of this write is named by; null uses the source directory. A source that
    /// changes path on every write (a staging folder) needs a stable name to recognise its unchanged files.</summary>
    public string? IndexName { get; init; }

    /// <summary>Threads that compress; null uses every core. Does not change the output.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary>Archive path of the source directory (`/` separated, no leading or trailing `/`), e.g. `opt/kv/lib/Kv-0.1.0`
    /// for one layer of an OCI image; its directories are written first (mode 0755). Null: entries are relative to the source.</summary>
    public string? EntryPrefix { get; init; }

    /// <summary>Entries (matched on their archive path, prefix included) written with another numeric owner than root; null for none.</summary>
    public ArchiveOwner? Owner { get; init; }
}

/// <summary>Directories of an image that its non-root user writes to: <see cref="Uid"/>:<see cref="Gid"/> own what
/// <see cref="Paths"/> (globs as in <see cref="ArchiveOptions.Exclude"/>) match.</summary>
public sealed record ArchiveOwner(int Uid, int Gid, IReadOnlyList<string> Paths);
