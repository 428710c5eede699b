using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Containers;

/// <summary>`--image` given wrongly: a clear error, exit 1, and nothing written (no podman needed).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ImageOptionTests : IDisposable
{
    private readonly SampleSolution sample = new();

    public void Dispose() => sample.Dispose();

    private string Output => Path.Combine(sample.Root, "out", "kv");

    private ReltoolProcess.Outcome Release(params string[] args) => ReltoolProcess.Run(sample.AppDirectory, ["release", "--output", Output, .. args]);

    [Fact]
    public void Bad_image_options_fail_before_building_and_a_base_that_is_no_oci_image_fails_after_it_writing_nothing()
    {
        var noBase = Release("--image");
        Assert.Equal(1, noBase.ExitCode);
        Assert.Contains("an image needs a base image: give --image-base FILE|DIR or image_base in rel/config.yaml", noBase.Stderr);

        var missing = Release("--image", "--image-base", "missing.oci.tar");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"image base {Path.Combine(sample.AppDirectory, "missing.oci.tar")} does not exist", missing.Stderr);

        var withoutImage = Release("--image-base", "base.tar");
        Assert.Equal(1, withoutImage.ExitCode);
        Assert.Contains("--image-base needs --image", withoutImage.Stderr);
        foreach (var outcome in new[] { noBase, missing, withoutImage }) Assert.DoesNotContain("publishing", outcome.Stderr);

        // A file that is not an OCI archive: found out once the release is built; still nothing is written.
        var notAnImage = Path.Combine(sample.Root, "not-an-image.tar.gz");
        File.WriteAllText(notAnImage, "plain text");
        var bad = Release("--image", "--image-base", notAnImage);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains($"reltool: error: image: {notAnImage}: is not a readable tar", bad.Stderr);
        Assert.DoesNotContain("   at ", bad.Stderr);
        Assert.False(Directory.Exists(Output));
    }
}
