using System.Security.Cryptography;
using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>Names a segment's compressed bytes: the hash of its chunks' tar bytes plus the settings that shape the output.</summary>
internal static class SegmentKey
{
    public static string Compute(string settings, IEnumerable<byte[]> chunkHashes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        foreach (var chunkHash in chunkHashes) hash.AppendData(chunkHash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
