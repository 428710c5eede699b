using System.Security.Cryptography;
using RelTool.Formats.Trust;

namespace RelTool.Core.Trust;

/// <summary>`reltool keygen` and the private key `release --sign-key` signs with (docs/reltool-release.md, "Signatures").</summary>
public static class SigningKeys
{
    /// <summary>Path of the private key when `--sign-key` is not given.</summary>
    public const string EnvironmentVariable = "RELTOOL_SIGN_KEY";

    public static string PublicKeyPath(string privateKeyPath) => privateKeyPath + TrustFiles.PublicKeySuffix;

    /// <summary>
    /// Writes KEY (PKCS#8 PEM, mode 0600, created exclusively) and KEY.pub (SubjectPublicKeyInfo PEM). Refuses when either
    /// exists; when the second cannot be written the first is removed, so a failure leaves nothing behind.
    /// </summary>
    public static (string PrivateKey, string PublicKey, string Fingerprint) Generate(string path)
    {
        var full = Path.GetFullPath(path);
        var pub = PublicKeyPath(full);
        foreach (var existing in new[] { full, pub })
            if (File.Exists(existing) || Directory.Exists(existing))
                throw new TrustException($"{existing} already exists; keygen never overwrites a key: choose another path or remove it first");
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new TrustException($"{directory} does not exist; create it first");

        using var key = SignatureAlgorithm.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var created = new List<string>();
        try
        {
            using (var writer = new StreamWriter(full, System.Text.Encoding.ASCII, options)) writer.Write(key.ExportPkcs8PrivateKeyPem() + "\n");
            created.Add(full);
            using (var writer = new StreamWriter(pub, System.Text.Encoding.ASCII, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }))
                writer.Write(key.ExportSubjectPublicKeyInfoPem() + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only what this call created: CreateNew failing means someone else's file is there.
            foreach (var file in created) TryDelete(file);
            throw new TrustException($"cannot write the key pair {full}: {e.Message}");
        }
        return (full, pub, SignatureAlgorithm.Fingerprint(key));
    }

    /// <summary>The private key at <paramref name="path"/>, checked to be P-256.</summary>
    public static ECDsa ReadPrivate(string path)
    {
        if (!File.Exists(path)) throw new TrustException($"{path}: no such signing key; make one with `reltool keygen -o {path}`");
        return SignatureAlgorithm.ReadPem(path, privateKey: true);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
