using System.Security.Cryptography;

namespace RelTool.Formats.Oci;

/// <summary>"sha256:&lt;hex&gt;" digests, the only algorithm reltool writes or accepts.</summary>
public static class OciDigest
{
    public const string Prefix = "sha256:";

    public static string Of(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Of(Stream stream) => Prefix + Convert.ToHexStringLower(SHA256.HashData(stream));

    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Of(stream);
    }

    public static bool IsSha256(string digest) =>
        digest.Length == Prefix.Length + 64 && digest.StartsWith(Prefix, StringComparison.Ordinal)
        && digest.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") is false;
}
