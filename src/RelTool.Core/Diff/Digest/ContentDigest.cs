using System.Security.Cryptography;

namespace RelTool.Core.Diff.Digest;

/// <summary>A 128-bit digest (the first half of a SHA-256): equal digests mean equal inputs.</summary>
public readonly record struct ContentDigest(UInt128 Value)
{
    public static ContentDigest Of(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return new ContentDigest(new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash[8..])));
    }

    public override string ToString() => Value.ToString("x32");
}
