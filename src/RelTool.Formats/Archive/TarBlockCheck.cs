using System.Globalization;
using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>
/// Sits between the gzip stream and the BCL's TarReader and checks what TarReader does not: every header block's
/// checksum (as GNU tar does: the unsigned or signed sum of the block with the checksum field read as spaces), and the
/// total size the tarball expands to, against <see cref="ExpansionLimit"/>. It follows the block structure itself:
/// a header, then its data rounded up to 512 bytes (the size from the header, or from a preceding pax header's
/// "size" record), then the next header; zero blocks end the archive.
/// </summary>
internal sealed class TarBlockCheck(string file, Stream inner, long limit) : Stream
{
    private const int Block = 512;
    private const int MaxPaxBytes = 1 << 20;

    private readonly byte[] header = new byte[Block];
    private int headerFill;
    private long dataLeft;
    private long position;
    private MemoryStream? pax;
    private long? paxSize;

    public override int Read(Span<byte> destination)
    {
        var n = inner.Read(destination);
        if (n == 0) return 0;
        position += n;
        if (position > limit)
            throw new ArchiveException(file, $"expands to more than {limit} bytes; {ExpansionLimit.Explain}");
        Observe(destination[..n]);
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Observe(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (dataLeft > 0)
            {
                var take = (int)Math.Min(dataLeft, bytes.Length);
                if (pax is not null && pax.Length + take <= MaxPaxBytes) pax.Write(bytes[..take]);
                dataLeft -= take;
                bytes = bytes[take..];
                if (dataLeft == 0 && pax is not null) EndPax();
                continue;
            }
            var fill = Math.Min(Block - headerFill, bytes.Length);
            bytes[..fill].CopyTo(header.AsSpan(headerFill));
            headerFill += fill;
            bytes = bytes[fill..];
            if (headerFill == Block)
            {
                headerFill = 0;
                OnHeader();
            }
        }
    }

    private void OnHeader()
    {
        if (header.AsSpan().IndexOfAnyExcept((byte)0) < 0) return;
        var unsigned = 0L;
        var signed = 0L;
        for (var i = 0; i < Block; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }
        var stored = Octal(header.AsSpan(148, 8));
        if (stored is null || stored != unsigned && stored != signed)
            throw new ArchiveException(file, $"tar header checksum mismatch at byte {position - position % Block - Block} (the header is damaged or forged)");
        var size = paxSize ?? Size(header.AsSpan(124, 12))
            ?? throw new ArchiveException(file, $"tar header at byte {position - position % Block - Block} has an unreadable size field");
        paxSize = null;
        var type = (char)header[156];
        // Links, directories, devices and fifos carry no data whatever their size field says.
        if (type is '1' or '2' or '3' or '4' or '5' or '6') size = 0;
        dataLeft = (size + Block - 1) / Block * Block;
        pax = type == 'x' && size > 0 ? new MemoryStream() : null;
        if (pax is not null && dataLeft == 0) EndPax();
    }

    private void EndPax()
    {
        var text = Encoding.UTF8.GetString(pax!.GetBuffer(), 0, (int)pax.Length);
        pax = null;
        foreach (var record in text.Split('\n'))
        {
            var space = record.IndexOf(' ');
            if (space < 0) continue;
            var keyValue = record[(space + 1)..];
            if (keyValue.StartsWith("size=", StringComparison.Ordinal)
                && long.TryParse(keyValue["size=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                paxSize = size;
        }
    }

    /// <summary>An octal field (leading spaces, digits, then NUL or space), or a base-256 one (first byte 0x80).</summary>
    private static long? Size(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) == 0) return Octal(field);
        if (field[0] != 0x80) return null;
        long value = 0;
        foreach (var b in field[1..])
        {
            if (value > (long.MaxValue >> 8)) return null;
            value = value << 8 | b;
        }
        return value;
    }

    private static long? Octal(ReadOnlySpan<byte> field)
    {
        var i = 0;
        while (i < field.Length && field[i] == ' ') i++;
        long value = 0;
        var digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++) value = value * 8 + (field[i] - '0');
        if (digits == 0) return null;
        for (; i < field.Length; i++) if (field[i] is not (0 or (byte)' ')) return null;
        return value;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>How much a tarball may expand to: RELTOOL_MAX_EXPANDED_SIZE (bytes, or with a K, M or G suffix), else
/// 100 times the tarball's own size and at least 512 MiB — far above what code and runtimes compress to, far below
/// what a gzip bomb expands to.</summary>
public static class ExpansionLimit
{
    public const string Variable = "RELTOOL_MAX_EXPANDED_SIZE";
    private const long Floor = 512L << 20;
    private const int Ratio = 100;

    public static string Explain =>
        $"the limit is {Variable} when set, else {Ratio} times the tarball's size and at least {Floor >> 20} MiB; to allow more, set {Variable}=BYTES (K, M, G suffixes work), e.g. {Variable}=8G";

    public static long For(long tarballBytes)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text)
            return Parse(text) ?? throw new ArchiveException(Variable, $"'{text}' is not a size: give bytes, optionally with a K, M or G suffix");
        return Math.Max(Floor, tarballBytes > long.MaxValue / Ratio ? long.MaxValue : tarballBytes * Ratio);
    }

    public static long? Parse(string text)
    {
        text = text.Trim();
        var shift = text.Length == 0 ? 0 : char.ToUpperInvariant(text[^1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        var digits = shift == 0 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > long.MaxValue >> shift) return null;
        return value << shift;
    }
}
