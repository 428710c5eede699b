using System.Security.Cryptography;
using RelTool.Core.Trust;
using RelTool.Formats.Trust;

namespace RelTool.Tests.Trust;

public sealed class SignatureTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-trust-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Key(string name)
    {
        var path = Path.Combine(dir, name);
        SigningKeys.Generate(path);
        return path;
    }

    private string Signed(string privateKey, byte[] content)
    {
        var file = Path.Combine(dir, $"file-{Guid.NewGuid():N}.tar.gz");
        File.WriteAllBytes(file, content);
        using var key = SigningKeys.ReadPrivate(privateKey);
        ReleaseSeal.SignFile(key, file);
        return file;
    }

    [Fact]
    public void Keygen_writes_a_private_key_only_its_owner_reads_and_a_public_key_and_never_overwrites()
    {
        var key = Path.Combine(dir, "ci.key");
        var (privateKey, publicKey, fingerprint) = SigningKeys.Generate(key);
        Assert.Equal(key, privateKey);
        Assert.Equal(key + ".pub", publicKey);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(key));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicKey));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        using (var trusted = TrustedKey.Read(publicKey)) Assert.Equal(fingerprint, trusted.Fingerprint);

        var before = File.ReadAllText(key);
        var again = Assert.Throws<TrustException>(() => SigningKeys.Generate(key));
        Assert.Contains("already exists", again.Message);
        Assert.Equal(before, File.ReadAllText(key));

        // Only the .pub in the way: still refused, and nothing is left half-written.
        File.WriteAllText(Path.Combine(dir, "half.key.pub"), "mine");
        Assert.Throws<TrustException>(() => SigningKeys.Generate(Path.Combine(dir, "half.key")));
        Assert.False(File.Exists(Path.Combine(dir, "half.key")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "half.key.pub")));
    }

    [Fact]
    public void A_signature_verifies_with_its_key_only_and_not_after_one_byte_changes()
    {
        var ours = Key("ours.key");
        var theirs = Key("theirs.key");
        var content = RandomNumberGenerator.GetBytes(100_000);
        var file = Signed(ours, content);
        using var ourKey = TrustedKey.Read(ours + ".pub");
        using var theirKey = TrustedKey.Read(theirs + ".pub");

        var valid = SignatureCheck.Verify(file, [theirKey, ourKey]);
        Assert.Equal(SignatureState.Valid, valid.State);
        Assert.Same(ourKey, valid.Key);
        Assert.Equal(SignatureState.Invalid, SignatureCheck.Verify(file, [theirKey]).State);

        content[content.Length / 2] ^= 1;
        File.WriteAllBytes(file, content);
        var altered = SignatureCheck.Verify(file, [ourKey]);
        Assert.Equal(SignatureState.Invalid, altered.State);
        Assert.Contains("altered after signing or signed by another key", altered.Describe([ourKey]));

        File.Delete(TrustFiles.SignaturePath(file));
        Assert.Equal(SignatureState.Unsigned, SignatureCheck.Verify(file, [ourKey]).State);
    }

    [Fact]
    public void A_garbage_signature_file_is_invalid_not_an_exception()
    {
        var key = Key("k.key");
        var file = Signed(key, [1, 2, 3]);
        File.WriteAllBytes(TrustFiles.SignaturePath(file), [0x30, 0x03, 0x02, 0x01]);
        using var trusted = TrustedKey.Read(key + ".pub");
        Assert.Equal(SignatureState.Invalid, SignatureCheck.Verify(file, [trusted]).State);
    }

    [Fact]
    public void Keys_that_are_not_p256_or_not_the_right_half_are_refused_with_the_file_named()
    {
        var p384 = Path.Combine(dir, "p384.key");
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP384)) File.WriteAllText(p384, other.ExportPkcs8PrivateKeyPem());
        var wrongCurve = Assert.Throws<TrustException>(() => SigningKeys.ReadPrivate(p384));
        Assert.Contains(p384, wrongCurve.Message);
        Assert.Contains("P-256", wrongCurve.Message);

        var key = Key("half.key");
        Assert.Contains("holds a public key", Assert.Throws<TrustException>(() => SigningKeys.ReadPrivate(key + ".pub")).Message);
        var text = Path.Combine(dir, "text.pub");
        File.WriteAllText(text, "not a key");
        Assert.Contains("not a PEM EC public key", Assert.Throws<TrustException>(() => TrustedKey.Read(text)).Message);
        Assert.Contains("no such signing key", Assert.Throws<TrustException>(() => SigningKeys.ReadPrivate(Path.Combine(dir, "absent"))).Message);
    }

    [Fact]
    public void A_trusted_keys_directory_gives_its_pub_files_in_name_order_and_none_when_absent()
    {
        var b = Key("b.key");
        var a = Key("a.key");
        var keys = Directory.CreateDirectory(Path.Combine(dir, "trusted_keys")).FullName;
        File.Copy(b + ".pub", Path.Combine(keys, "b.pub"));
        File.Copy(a + ".pub", Path.Combine(keys, "a.pub"));
        File.WriteAllText(Path.Combine(keys, "README"), "ignored");
        var read = TrustedKey.ReadDirectory(keys);
        Assert.Equal(["a.pub", "b.pub"], read.Select(k => Path.GetFileName(k.Path)).ToArray());
        foreach (var k in read) k.Dispose();
        Assert.Empty(TrustedKey.ReadDirectory(Path.Combine(dir, "none")));
    }
}
