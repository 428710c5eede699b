namespace RelTool.Formats.Archive;

/// <summary>Release tarballs: reproducible writing (<see cref="Write"/>) on the build side; safe extraction,
/// listing and verification on the target host.</summary>
public static class ReleaseArchive
{
    /// <summary>How the folders <see cref="Extract"/> stages into start: one in a release root that no extraction
    /// holds (an unpack holds the root's lock) was left by a killed run.</summary>
    public const string StagingPrefix = ArchiveExtractor.StagingPrefix;

    /// <summary>Packs <paramref name="sourceDirectory"/> into <paramref name="outputFile"/> (tar.gz), replacing it atomically.
    /// The same tree and options give the same bytes, with or without a cache.</summary>
    /// <exception cref="ArchiveException">missing source, unwritable output, a link leaving the tree, a special file</exception>
    public static ArchiveResult Write(string sourceDirectory, string outputFile, ArchiveOptions? options = null)
    {
        try
        {
            return ArchiveWriter.Write(sourceDirectory, outputFile, options ?? new ArchiveOptions());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchiveException(sourceDirectory, "cannot read: " + e.Message, e);
        }
    }

    /// <summary>Extracts <paramref name="tarball"/> into <paramref name="destination"/> (created if missing) after reading
    /// and checking all of it: a corrupt, truncated or unsafe tarball throws and leaves the destination as it was.</summary>
    /// <exception cref="ArchiveException">damaged or unsafe tarball, or a destination that cannot be written</exception>
    public static ExtractResult Extract(string tarball, string destination, ExtractOptions? options = null) =>
        ArchiveExtractor.Extract(tarball, destination, options ?? new ExtractOptions());

    /// <summary>The entries of <paramref name="tarball"/> in archive order, after checking the whole file as <see cref="Verify"/> does.</summary>
    public static IReadOnlyList<ArchiveEntryInfo> List(string tarball)
    {
        var entries = new List<ArchiveEntryInfo>();
        using var reader = new CheckedTarReader(tarball);
        while (reader.Next() is (var info, _)) entries.Add(info);
        return entries;
    }

    /// <summary>Reads the whole tarball: complete gzip members with good CRCs, well-formed tar, every entry safe to extract.</summary>
    /// <exception cref="ArchiveException">the first problem found</exception>
    public static VerifyResult Verify(string tarball)
    {
        var entries = 0;
        using var reader = new CheckedTarReader(tarball);
        while (reader.Next() is (_, var entry))
        {
            entries++;
            reader.CopyData(entry, Stream.Null);
        }
        return new VerifyResult(tarball, entries, reader.TarBytes, reader.FileBytes);
    }

    /// <summary>Reads the whole tarball once with the checks of <see cref="Verify"/> and hands every entry to <paramref name="onEntry"/>
    /// in archive order, with its bytes when <paramref name="wantData"/> asks for them (else null). When a problem is found the
    /// entries before it have been handed over and the <see cref="ArchiveException"/> is thrown, as <see cref="Verify"/> throws it.</summary>
    public static VerifyResult Scan(string tarball, Func<ArchiveEntryInfo, bool> wantData, Action<ArchiveEntryInfo, byte[]?> onEntry)
    {
        var entries = 0;
        using var reader = new CheckedTarReader(tarball);
        while (reader.Next() is (var info, var entry))
        {
            entries++;
            byte[]? data = null;
            if (info.Kind == ArchiveEntryKind.File && wantData(info))
            {
                using var buffer = new MemoryStream((int)Math.Min(info.Size, int.MaxValue));
                reader.CopyData(entry, buffer);
                data = buffer.ToArray();
            }
            else reader.CopyData(entry, Stream.Null);
            onEntry(info, data);
        }
        return new VerifyResult(tarball, entries, reader.TarBytes, reader.FileBytes);
    }
}
