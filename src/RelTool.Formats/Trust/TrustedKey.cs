using System.Security.Cryptography;

namespace RelTool.Formats.Trust;

/// <summary>A public key a release trusts, with where it came from and its fingerprint.</summary>
public sealed class TrustedKey(string path, ECDsa key) : IDisposable
{
    public string Path { get; } = path;
    public ECDsa Key { get; } = key;
    public string Fingerprint { get; } = SignatureAlgorithm.Fingerprint(key);

    public static TrustedKey Read(string path) => new(path, SignatureAlgorithm.ReadPem(path, privateKey: false));

    /// <summary>The *.pub files of a trusted_keys directory, in name order; none when it does not exist.</summary>
    public static IReadOnlyList<TrustedKey> ReadDirectory(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*" + TrustFiles.PublicKeySuffix).Order(StringComparer.Ordinal).Select(Read).ToList()
            : [];

    public override string ToString() => $"{Path} ({Fingerprint[..23]}…)";

    public void Dispose() => Key.Dispose();
}
