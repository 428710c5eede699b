using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>Header blocks of one entry, written the same way every time: Ustar with uid/gid 0 (or the entry's
/// <see cref="SourceEntry.Uid"/>, for an image's writable directories) and empty owner names;
/// a name or link target too long for Ustar gets a GNU long-name entry before the header (Pax headers would carry
/// the process id). Layout per POSIX.1-1988 and GNU tar's `gnu` format.</summary>
internal static class TarHeader
{
    public const int BlockSize = 512;
    private const long MaxOctal11 = 8589934591L;
    private const string GnuLongLinkName = "././@LongLink";

    public static byte[] Build(SourceEntry entry, long mtime)
    {
        var name = entry.Kind == SourceEntryKind.Directory ? entry.RelativePath + "/" : entry.RelativePath;
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var linkBytes = entry.LinkTarget is null ? [] : Encoding.UTF8.GetBytes(entry.LinkTarget);
        if (entry.Size > MaxOctal11) throw new ArchiveException(entry.FullPath, "larger than 8 GiB, which a Ustar header cannot hold");

        var (prefix, shortName) = SplitUstarName(nameBytes);
        var longName = shortName is null;
        var longLink = linkBytes.Length > 100;
        var gnu = longName || longLink;

        var blocks = new List<byte[]>();
        if (longName) AddLongNameEntry(blocks, (byte)'L', nameBytes);
        if (longLink) AddLongNameEntry(blocks, (byte)'K', linkBytes);

        var header = new byte[BlockSize];
        if (longName) Put(header, 0, nameBytes.AsSpan(0, 100));
        else
        {
            Put(header, 0, shortName!);
            Put(header, 345, prefix!);
        }
        var typeFlag = entry.Kind switch
        {
            SourceEntryKind.Directory => (byte)'5',
            SourceEntryKind.SymbolicLink => (byte)'2',
            _ => (byte)'0',
        };
        FillCommon(header, entry.Mode, entry.Kind == SourceEntryKind.File ? entry.Size : 0, mtime, typeFlag, gnu, entry.Uid, entry.Gid);
        Put(header, 157, linkBytes.AsSpan(0, Math.Min(100, linkBytes.Length)));
        WriteChecksum(header);
        blocks.Add(header);
        return blocks.Count == 1 ? header : blocks.SelectMany(b => b).ToArray();
    }

    /// <summary>Ustar keeps up to 155 bytes of directories in `prefix` and up to 100 in `name`, split at a slash.</summary>
    private static (byte[]? Prefix, byte[]? Name) SplitUstarName(byte[] path)
    {
        if (path.Length <= 100) return ([], path);
        var end = path.Length - 1;
        if (path[end] == '/') end--;
        for (var slash = Math.Min(155, end); slash > 0; slash--)
        {
            if (path[slash] != '/') continue;
            var nameLength = path.Length - slash - 1;
            if (nameLength > 100) break;
            return (path[..slash], path[(slash + 1)..]);
        }
        return (null, null);
    }

    private static void AddLongNameEntry(List<byte[]> blocks, byte typeFlag, byte[] value)
    {
        var header = new byte[BlockSize];
        Put(header, 0, Encoding.ASCII.GetBytes(GnuLongLinkName));
        FillCommon(header, 0, value.Length + 1, 0, typeFlag, gnu: true);
        WriteChecksum(header);
        blocks.Add(header);
        var data = new byte[(value.Length + 1 + BlockSize - 1) / BlockSize * BlockSize];
        value.CopyTo(data, 0);
        blocks.Add(data);
    }

    private static void FillCommon(byte[] header, int mode, long size, long mtime, byte typeFlag, bool gnu, int uid = 0, int gid = 0)
    {
        Octal(header, 100, 8, mode & 0xFFF);
        Octal(header, 108, 8, uid);
        Octal(header, 116, 8, gid);
        Octal(header, 124, 12, size);
        Octal(header, 136, 12, mtime);
        header[156] = typeFlag;
        Put(header, 257, gnu ? "ustar  \0"u8 : "ustar\000"u8);
        if (!gnu)
        {
            Octal(header, 329, 8, 0);
            Octal(header, 337, 8, 0);
        }
    }

    private static void WriteChecksum(byte[] header)
    {
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header) sum += b;
        Octal(header, 148, 7, sum);
        header[155] = (byte)' ';
    }

    /// <summary>Zero-padded octal digits filling the field but its last byte, which stays NUL.</summary>
    private static void Octal(byte[] header, int offset, int length, long value)
    {
        var digits = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(digits, header.AsSpan(offset, length - 1));
        header[offset + length - 1] = 0;
    }

    private static void Put(byte[] header, int offset, ReadOnlySpan<byte> value) => value.CopyTo(header.AsSpan(offset));
}
