using System.IO.Compression;

namespace RelTool.Formats.Archive;

/// <summary>One complete gzip member (header, deflate data, CRC-32 and length) for a buffer. Members concatenate
/// into one valid gzip file (RFC 1952 §2.2), which is what lets chunks compress in parallel.</summary>
internal static class GzipMember
{
    private const int OsByte = 9;
    private const byte OsUnix = 3;

    public static byte[] Compress(ReadOnlySpan<byte> data, int level)
    {
        var output = new MemoryStream(data.Length / 2 + 64);
        using (var gzip = new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
            gzip.Write(data);
        var member = output.ToArray();
        // zlib stamps the build platform here; fixing it keeps the output the same on every OS.
        member[OsByte] = OsUnix;
        return member;
    }
}
