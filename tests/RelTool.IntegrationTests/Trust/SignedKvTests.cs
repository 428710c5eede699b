using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RelTool.Formats.Trust;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Upgrade;

namespace RelTool.IntegrationTests.Trust;

/// <summary>Issue 12's trust "done when" lines on samples/kv: SBOM, SHA256SUMS, signatures, inspect --key, and unpack on a signed install.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignedKvTests(SignedKvFixture fixture) : IClassFixture<SignedKvFixture>
{
    private string ReleasePub => fixture.ReleaseKey + TrustFiles.PublicKeySuffix;
    private string OtherPub => fixture.OtherKey + TrustFiles.PublicKeySuffix;

    [Fact]
    public void Release_json_names_the_sbom_checksums_signatures_and_trusted_keys_and_they_are_there()
    {
        var output = fixture.Output;
        var first = fixture.First;
        Assert.Equal(Path.Combine(output, "releases/0.1.0/kv.cdx.json"), first.GetProperty("sbom").GetString());
        Assert.Equal(Path.Combine(output, "releases/0.1.0/SHA256SUMS"), first.GetProperty("checksums").GetString());
        Assert.Equal(
            [Path.Combine(output, "releases/0.1.0/SHA256SUMS.sig"), Path.Combine(output, "releases/0.1.0/kv.tar.gz.sig")],
            first.GetProperty("signatures").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal([Path.Combine(output, "releases/0.1.0/trusted_keys/release.key.pub")],
            first.GetProperty("trustedKeys").EnumerateArray().Select(s => s.GetString()!).ToArray());
        // RELTOOL_SIGN_KEY signed 0.2.0: its full and its upgrade tarball.
        Assert.Equal(
            [Path.Combine(output, "releases/0.2.0/SHA256SUMS.sig"), Path.Combine(output, "releases/0.2.0/kv.tar.gz.sig"), Path.Combine(output, "releases/0.2.0/kv-from-0.1.0.tar.gz.sig")],
            fixture.Second.GetProperty("signatures").EnumerateArray().Select(s => s.GetString()!).ToArray());
        foreach (var release in new[] { first, fixture.Second })
            foreach (var file in release.GetProperty("signatures").EnumerateArray().Select(s => s.GetString()!).Append(release.GetProperty("sbom").GetString()!))
                Assert.True(File.Exists(file), $"{file} is named in the release JSON but missing");
        Assert.Equal(File.ReadAllText(ReleasePub), File.ReadAllText(Path.Combine(output, "releases/0.1.0/trusted_keys/release.key.pub")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fixture.ReleaseKey));
    }

    [Fact]
    public void The_sboms_of_kv_validate_against_cyclonedx_1_6_and_list_every_lib_dir_with_its_files_and_hashes()
    {
        foreach (var version in new[] { "0.1.0", "0.2.0" })
        {
            var components = SbomAssert.DescribesRelease(fixture.Output, "kv", version);
            Assert.Equal("application", components[$"lib/Kv-{version}"].GetProperty("type").GetString());
            // kv's applications are projects: no NuGet purl.
            Assert.False(components[$"lib/Kv-{version}"].TryGetProperty("purl", out _));
        }
    }

    [Fact]
    public void Sha256sum_c_passes_in_the_release_directory_and_fails_after_one_byte_of_a_dll_changes()
    {
        foreach (var version in new[] { "0.1.0", "0.2.0" })
        {
            var (code, text) = Sha256sumCheck(fixture.Output, $"releases/{version}/SHA256SUMS");
            Assert.True(code == 0, text);
        }
        var dll = Path.Combine(fixture.Output, "lib/Kv-0.1.0/Kv.dll");
        var original = File.ReadAllBytes(dll);
        try
        {
            var altered = (byte[])original.Clone();
            altered[altered.Length / 2] ^= 0x01;
            File.WriteAllBytes(dll, altered);
            var (code, text) = Sha256sumCheck(fixture.Output, "releases/0.1.0/SHA256SUMS");
            Assert.NotEqual(0, code);
            Assert.Contains("lib/Kv-0.1.0/Kv.dll: FAILED", text);

            var inspect = fixture.Reltool("inspect", fixture.Output, "--version", "0.1.0");
            Assert.True(inspect.ExitCode == 1, inspect.ToString());
            Assert.Contains("lib/Kv-0.1.0/Kv.dll: missing or changed", inspect.Stdout);
        }
        finally
        {
            File.WriteAllBytes(dll, original);
        }
    }

    [Fact]
    public void Inspect_key_verifies_a_tarball_or_directory_and_reports_another_key_as_a_problem()
    {
        var good = fixture.Reltool("inspect", fixture.FirstTarball, "--key", ReleasePub);
        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains("sbom (releases/0.1.0/kv.cdx.json): CycloneDX", good.Stdout);
        Assert.Contains($"signature ({fixture.FirstTarball}): valid, by {ReleasePub}", good.Stdout);

        var other = fixture.Reltool("inspect", fixture.UpgradeTarball, "--key", OtherPub);
        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains("kv-from-0.1.0.tar.gz.sig is not a valid signature by", other.Stdout);

        var unverified = fixture.Reltool("inspect", fixture.FirstTarball);
        Assert.True(unverified.ExitCode == 0, unverified.ToString());
        Assert.Contains("signed, not verified (give --key PUB)", unverified.Stdout);

        var directory = fixture.Reltool("inspect", fixture.Output, "--key", ReleasePub, "--json");
        Assert.True(directory.ExitCode == 0, directory.ToString());
        var trust = JsonDocument.Parse(directory.Stdout).RootElement.GetProperty("trust");
        Assert.Equal("valid", trust.GetProperty("signature").GetProperty("state").GetString());
        Assert.Equal("releases/0.2.0/SHA256SUMS", trust.GetProperty("signature").GetProperty("signedFile").GetString());
        Assert.Equal(0, trust.GetProperty("checksumMismatches").GetInt32());
        Assert.Equal(["releases/0.2.0/trusted_keys/release.key.pub"], trust.GetProperty("trustedKeys").EnumerateArray().Select(k => k.GetString()!).ToArray());

        var notAKey = fixture.Reltool("inspect", fixture.FirstTarball, "--key", fixture.FirstTarball);
        Assert.True(notAKey.ExitCode == 1, notAKey.ToString());
        Assert.Contains("not a PEM EC public key", notAKey.Stderr);
    }

    [Fact]
    public void Unpack_on_a_signed_install_refuses_unsigned_foreign_and_altered_tarballs_before_extracting_and_takes_a_signed_one()
    {
        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", new() { ["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start + node.Log);
        using (var client = new LineClient(port)) Assert.Equal("OK", client.Call("PUT trust kept"));

        var staged = Path.Combine(node.Root, "releases", "0.2.0");
        var tarballName = Path.GetFileName(fixture.UpgradeTarball);
        var genuineSignature = File.ReadAllBytes(TrustFiles.SignaturePath(fixture.UpgradeTarball));
        var cases = new (string What, Action Stage, string Expected)[]
        {
            ("unsigned", () => { }, $"{tarballName}: not signed ("),
            ("signed by another key", () => File.WriteAllBytes(Path.Combine(staged, tarballName + ".sig"), SignWith(fixture.OtherKey, fixture.UpgradeTarball)),
                "is not a valid signature of it by any trusted key"),
            ("one byte altered after signing", () =>
            {
                var bytes = File.ReadAllBytes(fixture.UpgradeTarball);
                bytes[bytes.Length / 2] ^= 0x01;
                File.WriteAllBytes(Path.Combine(staged, tarballName), bytes);
                File.WriteAllBytes(Path.Combine(staged, tarballName + ".sig"), genuineSignature);
            }, "is not a valid signature of it by any trusted key"),
        };
        foreach (var (what, stage, expected) in cases)
        {
            var libBefore = Listing(Path.Combine(node.Root, "lib"));
            var runtimeBefore = Listing(Path.Combine(node.Root, "runtime"));
            var releasesBefore = File.ReadAllText(Path.Combine(node.Root, "releases", "RELEASES"));
            Directory.CreateDirectory(staged);
            File.Copy(fixture.UpgradeTarball, Path.Combine(staged, tarballName));
            stage();
            var stagedBefore = Listing(staged);

            var unpack = node.Run("unpack", "0.2.0");
            Assert.True(unpack.ExitCode != 0, $"{what}: {unpack}");
            Assert.Contains("unpack refused", unpack.Stderr);
            Assert.Contains(expected, unpack.Stderr);
            Assert.Contains("nothing was extracted", unpack.Stderr);
            Assert.Equal(stagedBefore, Listing(staged));
            Assert.Equal(libBefore, Listing(Path.Combine(node.Root, "lib")));
            Assert.Equal(runtimeBefore, Listing(Path.Combine(node.Root, "runtime")));
            Assert.Equal(releasesBefore, File.ReadAllText(Path.Combine(node.Root, "releases", "RELEASES")));
            using (var client = new LineClient(port)) Assert.Equal("kept", client.Call("GET trust"));
            Directory.Delete(staged, recursive: true);
        }

        Directory.CreateDirectory(staged);
        File.Copy(fixture.UpgradeTarball, Path.Combine(staged, tarballName));
        File.Copy(TrustFiles.SignaturePath(fixture.UpgradeTarball), Path.Combine(staged, tarballName + ".sig"));
        var signed = node.Run("unpack", "0.2.0");
        Assert.True(signed.ExitCode == 0, signed.ToString());
        Assert.Contains("signature ok", signed.Stdout);
        Assert.True(Directory.Exists(Path.Combine(node.Root, "lib", "Kv-0.2.0")), signed.ToString());
        Assert.Contains("0.2.0", node.Versions());
        using (var client = new LineClient(port)) Assert.Equal("kept", client.Call("GET trust"));
    }

    private static byte[] SignWith(string privateKey, string file)
    {
        using var key = SignatureAlgorithm.ReadPem(privateKey, privateKey: true);
        return SignatureAlgorithm.Sign(key, file);
    }

    private static string[] Listing(string directory) =>
        [.. Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(directory, p)).Order(StringComparer.Ordinal)];

    private static (int Code, string Text) Sha256sumCheck(string directory, string list)
    {
        var start = new ProcessStartInfo("sha256sum", ["-c", "--quiet", list])
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
