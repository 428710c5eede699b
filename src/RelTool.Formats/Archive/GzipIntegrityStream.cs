using System.IO.Compression;

namespace RelTool.Formats.Archive;

/// <summary>Decompresses a (multi-member) gzip file and throws when it is truncated. GZipStream alone returns a short
/// stream without complaint when the input ends inside a member, so a sentinel member decompressing to
/// <see cref="Marker"/> is appended: the marker comes out last only if the real data ended on a member boundary.
/// A cut inside a trailer makes zlib read the sentinel as CRC/length and fail its check.</summary>
internal sealed class GzipIntegrityStream : Stream
{
    private static readonly byte[] Marker = "reltool:gzip-end"u8.ToArray();
    private static readonly byte[] Sentinel = GzipMember.Compress(Marker, 6);

    private readonly string file;
    private readonly GZipStream gzip;
    private readonly byte[] buffer = new byte[1 << 16];
    private int start;
    private int count;
    private bool ended;

    public GzipIntegrityStream(string file, Stream compressed)
    {
        this.file = file;
        gzip = new GZipStream(new SentinelAppendingStream(compressed, Sentinel), CompressionMode.Decompress);
    }

    public long Position64 { get; private set; }

    public override int Read(Span<byte> destination)
    {
        while (count <= Marker.Length && !ended) Fill();
        var available = count - Marker.Length;
        if (available <= 0) return 0;
        var n = Math.Min(available, destination.Length);
        buffer.AsSpan(start, n).CopyTo(destination);
        start += n;
        count -= n;
        Position64 += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, count).CopyTo(buffer);
            start = 0;
        }
        int read;
        try
        {
            read = gzip.Read(buffer, count, buffer.Length - count);
        }
        catch (InvalidDataException e)
        {
            // zlib's errors all read "unsupported compression method" in .NET, which misleads: a CRC or length
            // check that fails, and damaged deflate data, end up here alike.
            throw new ArchiveException(file, $"damaged gzip data after {Position64} bytes of output: its CRC or length check failed or the compressed data is corrupt", e);
        }
        if (read > 0)
        {
            count += read;
            return;
        }
        ended = true;
        if (count != Marker.Length || !buffer.AsSpan(0, Marker.Length).SequenceEqual(Marker))
            throw new ArchiveException(file, $"truncated gzip data: the compressed stream ends inside a member after {Position64 + Math.Max(0, count - Marker.Length)} bytes of output");
        count = Marker.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) gzip.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Position64; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads the inner stream to its end, then the sentinel member.</summary>
    private sealed class SentinelAppendingStream(Stream inner, byte[] sentinel) : Stream
    {
        private int sentinelPosition = -1;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            if (sentinelPosition < 0)
            {
                var read = inner.Read(destination);
                if (read > 0) return read;
                sentinelPosition = 0;
            }
            var n = Math.Min(destination.Length, sentinel.Length - sentinelPosition);
            sentinel.AsSpan(sentinelPosition, n).CopyTo(destination);
            sentinelPosition += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
