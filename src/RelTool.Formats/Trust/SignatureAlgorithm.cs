using System.Security.Cryptography;

namespace RelTool.Formats.Trust;

/// <summary>
/// ECDSA on P-256 with SHA-256 (docs/reltool-release.md, "Signatures"): in the BCL on every platform the runtime
/// supports, so a target verifies with the runtime it ships and no package. A signature file holds the DER
/// ECDSA-Sig-Value, as `openssl dgst -sha256 -sign` writes it, so `openssl dgst -sha256 -verify KEY.pub -signature
/// FILE.sig FILE` checks it too. Keys are PEM: PKCS#8 private, SubjectPublicKeyInfo public.
/// </summary>
public static class SignatureAlgorithm
{
    public const string Name = "ECDSA P-256 SHA-256";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static byte[] Sign(ECDsa key, string file) => key.SignHash(HashOf(file), DSASignatureFormat.Rfc3279DerSequence);

    public static byte[] HashOf(string file)
    {
        using var stream = File.OpenRead(file);
        return SHA256.HashData(stream);
    }

    public static bool Verify(ECDsa key, byte[] sha256, byte[] signature)
    {
        try
        {
            return key.VerifyHash(sha256, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>A new P-256 key pair.</summary>
    public static ECDsa Generate() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Reads a PEM key (private or public, as <paramref name="what"/> says) and checks that it is P-256.</summary>
    public static ECDsa ReadPem(string path, bool privateKey)
    {
        var what = privateKey ? "private key" : "public key";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrustException($"{path}: cannot read the {what}: {e.Message}");
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
            var parameters = key.ExportParameters(includePrivateParameters: false);
            if (parameters.Curve.Oid?.Value != P256Oid && parameters.Curve.Oid?.FriendlyName is not ("nistP256" or "ECDSA_P256"))
                throw new TrustException($"{path}: the {what} is not on the P-256 curve; make one with `reltool keygen`");
            if (privateKey && !HasPrivatePart(key))
                throw new TrustException($"{path}: holds a public key; --sign-key needs the private key (the file without .pub)");
            return key;
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new TrustException($"{path}: not a PEM EC {what} ({e.Message}); make one with `reltool keygen`");
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new TrustException($"{path}: not a usable EC {what} ({e.Message}); make one with `reltool keygen`");
        }
    }

    /// <summary>"sha256:" and the hex SHA-256 of the SubjectPublicKeyInfo DER: how messages name a key.</summary>
    public static string Fingerprint(ECDsa key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    private static bool HasPrivatePart(ECDsa key)
    {
        try
        {
            return key.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
