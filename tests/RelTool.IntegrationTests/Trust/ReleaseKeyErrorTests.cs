using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Trust;

/// <summary>Bad keys fail `reltool release` before it builds, with one message naming the file, and write nothing.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseKeyErrorTests : IDisposable
{
    private readonly SampleSolution sample = new();

    public void Dispose() => sample.Dispose();

    private string Output => Path.Combine(sample.Root, "out");

    [Fact]
    public void A_public_key_as_sign_key_or_a_missing_trusted_key_fails_before_the_build_and_writes_nothing()
    {
        var key = Path.Combine(sample.Root, "ci.key");
        var keygen = ReltoolProcess.Run(sample.Root, "keygen", "-o", key);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());

        var publicHalf = ReltoolProcess.Run(sample.AppDirectory, "release", "--output", Output, "--sign-key", key + ".pub");
        Assert.True(publicHalf.ExitCode == 1, publicHalf.ToString());
        Assert.Contains($"--sign-key: {key}.pub: holds a public key", publicHalf.Stderr);
        Assert.DoesNotContain("   at ", publicHalf.Stderr);

        var viaEnvironment = ReltoolProcess.Run(sample.AppDirectory, new Dictionary<string, string> { ["RELTOOL_SIGN_KEY"] = key + ".absent" }, "release", "--output", Output);
        Assert.True(viaEnvironment.ExitCode == 1, viaEnvironment.ToString());
        Assert.Contains("no such signing key", viaEnvironment.Stderr);

        sample.Write("Kv/rel/config.yaml", "releases:\n  kv:\n    trusted_keys:\n      - keys/missing.pub\n");
        var missing = ReltoolProcess.Run(sample.AppDirectory, "release", "--output", Output, "--sign-key", key);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Contains($"trusted_keys: {Path.Combine(sample.AppDirectory, "keys", "missing.pub")} does not exist", missing.Stderr);
        // Failed before publishing: no build output, no release.
        Assert.DoesNotContain("publishing", missing.Stderr);
        Assert.False(Directory.Exists(Output) && Directory.EnumerateFileSystemEntries(Output).Any(e => !Path.GetFileName(e).StartsWith('.')),
            "the output should hold nothing");

        var overwrite = ReltoolProcess.Run(sample.Root, "keygen", "-o", key);
        Assert.True(overwrite.ExitCode == 1, overwrite.ToString());
        Assert.Contains("already exists", overwrite.Stderr);
        var usage = ReltoolProcess.Run(sample.Root, "keygen");
        Assert.Equal(2, usage.ExitCode);
    }
}
