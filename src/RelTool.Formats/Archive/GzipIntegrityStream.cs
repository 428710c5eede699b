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

    private readonly string _file;
    private readonly GZipStream _gzip;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _count;
    private bool _ended;

    public GzipIntegrityStream(string file, Stream compressed)
    {
        _file = file;
        _gzip = new GZipStream(new SentinelAppendingStream(compressed, Sentinel), CompressionMode.Decompress);
    }

    public long Position64 { get; private set; }

    public override int Read(Span<byte> destination)
    {
        while (_count <= Marker.Length && !_ended) Fill();
        var available = _count - Marker.Length;
        if (available <= 0) return 0;
        var n = Math.Min(available, destination.Length);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        _count -= n;
        Position64 += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _count).CopyTo(_buffer);
            _start = 0;
        }
        int read;
        try
        {
            read = _gzip.Read(_buffer, _count, _buffer.Length - _count);
        }
        catch (InvalidDataException e)
        {
            // zlib's errors all read "unsupported compression method" in .NET, which misleads: a CRC or length
            // check that fails, and damaged deflate data, end up here alike.
            throw new ArchiveException(_file, $"damaged gzip data after {Position64} bytes of output: its CRC or length check failed or the compressed data is corrupt", e);
        }
        if (read > 0)
        {
            _count += read;
            return;
        }
        _ended = true;
        if (_count != Marker.Length || !_buffer.AsSpan(0, Marker.Length).SequenceEqual(Marker))
            throw new ArchiveException(_file, $"truncated gzip data: the compressed stream ends inside a member after {Position64 + Math.Max(0, _count - Marker.Length)} bytes of output");
        _count = Marker.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
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
        private int _sentinelPosition = -1;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            if (_sentinelPosition < 0)
            {
                var read = inner.Read(destination);
                if (read > 0) return read;
                _sentinelPosition = 0;
            }
            var n = Math.Min(destination.Length, sentinel.Length - _sentinelPosition);
            sentinel.AsSpan(_sentinelPosition, n).CopyTo(destination);
            _sentinelPosition += n;
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
