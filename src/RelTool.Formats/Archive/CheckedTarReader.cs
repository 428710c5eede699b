using System.Formats.Tar;

namespace RelTool.Formats.Archive;

/// <summary>Reads a tar.gz entry by entry and stops at the first thing a target host must not trust: damaged or
/// truncated gzip or tar, tar header checksums that fail, more data than the expansion limit, unsafe names, links leaving the root, entries below a link, devices and fifos.
/// Everything it throws is an <see cref="ArchiveException"/> naming the file.</summary>
internal sealed class CheckedTarReader : IDisposable
{
    private readonly string file;
    private readonly FileStream stream;
    private readonly GzipIntegrityStream gzip;
    private readonly TarBlockCheck blocks;
    private readonly TarReader tar;
    // Entries rather than kinds: a dictionary of enums is JIT-compiled in every command that extracts, one of
    // reference types runs the runtime's precompiled code.
    private readonly Dictionary<string, ArchiveEntryInfo> seen = new(StringComparer.Ordinal);

    public CheckedTarReader(string file)
    {
        this.file = file;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchiveException(file, "cannot open: " + e.Message, e);
        }
        Span<byte> magic = stackalloc byte[2];
        if (stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1F || magic[1] != 0x8B)
        {
            var problem = stream.Length == 0 ? "empty file" : "not a gzip file";
            stream.Dispose();
            throw new ArchiveException(file, problem);
        }
        stream.Position = 0;
        gzip = new GzipIntegrityStream(file, stream);
        blocks = new TarBlockCheck(file, gzip, ExpansionLimit.For(stream.Length));
        tar = new TarReader(blocks, leaveOpen: true);
    }

    public long FileBytes => stream.Length;
    public long TarBytes => gzip.Position64;

    /// <summary>The next checked entry; null after the last, once the whole gzip stream has been read and found complete.</summary>
    public (ArchiveEntryInfo Info, TarEntry Entry)? Next()
    {
        while (true)
        {
            var entry = Guard(() => tar.GetNextEntry(copyData: false));
            if (entry is null)
            {
                Guard(() => blocks.CopyTo(Stream.Null));
                return null;
            }
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes) continue;
            var info = Check(entry);
            if (info is not null) return (info, entry);
        }
    }

    /// <summary>Copies the current entry's data, turning read failures into archive errors.</summary>
    public void CopyData(TarEntry entry, Stream destination)
    {
        if (entry.DataStream is { } data) Guard(() => data.CopyTo(destination));
    }

    private ArchiveEntryInfo? Check(TarEntry entry)
    {
        var path = SafeEntryPath.Normalize(file, entry.Name);
        var kind = entry.EntryType switch
        {
            TarEntryType.Directory => ArchiveEntryKind.Directory,
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => ArchiveEntryKind.File,
            TarEntryType.SymbolicLink => ArchiveEntryKind.SymbolicLink,
            TarEntryType.HardLink => ArchiveEntryKind.HardLink,
            _ => throw new ArchiveException(file, $"entry '{entry.Name}' is a {entry.EntryType}, which a release never contains"),
        };
        if (path.Length == 0)
        {
            if (kind == ArchiveEntryKind.Directory) return null;
            throw new ArchiveException(file, $"entry '{entry.Name}' names the root but is not a directory");
        }
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var ancestor = path[..slash];
            if (seen.TryGetValue(ancestor, out var ancestorEntry) && ancestorEntry.Kind != ArchiveEntryKind.Directory)
                throw new ArchiveException(file, $"entry '{entry.Name}' lies below '{ancestor}', which is a {ancestorEntry.Kind}, not a directory");
        }
        if (seen.TryGetValue(path, out var earlier) && (earlier.Kind == ArchiveEntryKind.Directory) != (kind == ArchiveEntryKind.Directory))
            throw new ArchiveException(file, $"entry '{entry.Name}' is a {kind} but an earlier entry of that name is a {earlier.Kind}");
        string? linkTarget = null;
        if (kind == ArchiveEntryKind.SymbolicLink)
        {
            linkTarget = entry.LinkName;
            if (RelativeLinkTarget.Check(path, linkTarget) is { } problem)
                throw new ArchiveException(file, $"unsafe symbolic link '{entry.Name}': {problem}");
        }
        else if (kind == ArchiveEntryKind.HardLink)
        {
            linkTarget = SafeEntryPath.Normalize(file, entry.LinkName);
            if (!seen.TryGetValue(linkTarget, out var target) || target.Kind != ArchiveEntryKind.File)
                throw new ArchiveException(file, $"hard link '{entry.Name}' must point to an earlier regular file of the archive, not '{entry.LinkName}'");
        }
        var size = kind == ArchiveEntryKind.File ? entry.Length : 0;
        return seen[path] = new ArchiveEntryInfo(path, kind, (int)entry.Mode, size, linkTarget, entry.ModificationTime);
    }

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArchiveException)
        {
            throw;
        }
        catch (EndOfStreamException e)
        {
            throw new ArchiveException(file, $"truncated tar data: the archive ends after {gzip.Position64} bytes, before its end-of-archive blocks", e);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new ArchiveException(file, $"corrupt tar data after {gzip.Position64} bytes ({e.Message})", e);
        }
    }

    private void Guard(Action read) => Guard(() =>
    {
        read();
        return 0;
    });

    public void Dispose()
    {
        tar.Dispose();
        gzip.Dispose();
    }
}
