using System.Formats.Tar;
using System.IO.Compression;
using RelTool.Core.Config;
using RelTool.Core.Image;
using RelTool.Core.Release;
using RelTool.Formats.Archive;
using RelTool.Formats.Oci;
using RelTool.Tests.Archive;

namespace RelTool.Tests.Image;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class OciImageTests
{
    [Theory]
    [InlineData("linux-x64", "linux/amd64")]
    [InlineData("linux-arm64", "linux/arm64")]
    [InlineData("linux-musl-arm64", "linux/arm64")]
    [InlineData("linux-arm", "linux/arm/v7")]
    [InlineData("win-x64", "windows/amd64")]
    public void A_release_RID_gives_the_image_platform(string rid, string platform) =>
        Assert.Equal(platform, OciPlatform.FromRuntimeIdentifier(rid).ToString());

    [Theory]
    [InlineData("osx-arm64")]
    [InlineData("browser-wasm")]
    public void A_RID_no_container_platform_runs_is_a_clear_error(string rid) =>
        Assert.Contains("no OCI image platform", Assert.Throws<OciException>(() => OciPlatform.FromRuntimeIdentifier(rid)).Message);

    [Theory]
    [InlineData("http://127.0.0.1:5000/health", 5000)]
    [InlineData("http://*:8080", 8080)]
    [InlineData("https://[::]:7443/", 7443)]
    [InlineData("http://localhost/", 80)]
    [InlineData("tcp://127.0.0.1:4040", 4040)]
    [InlineData("not a url", null)]
    public void Ports_come_from_urls(string url, int? port) => Assert.Equal(port, ImagePorts.PortOf(url));

    [Fact]
    public void Image_settings_of_the_environment_win_over_the_release_and_the_command_line_over_both()
    {
        var config = ReleaseConfigReader.Parse("""
            releases:
              kv:
                image: true
                image_base: rel/base.tar
                image_user: "1000"
            environments:
              prod:
                image_root: /srv/kv
              staging:
                image: false
            """, "/p/rel/config.yaml", "/p");
        var release = config.Releases.Single().Image;
        Assert.Equal(new ImageSettings(true, "rel/base.tar", null, "1000"), release);
        Assert.Equal(new ImageSettings(true, "rel/base.tar", "/srv/kv", "1000"), release.With(config.Environments["prod"].Image));
        Assert.Equal(false, release.With(config.Environments["staging"].Image).Enabled);
        Assert.Equal("/other.tar", release.With(new ImageSettings(Base: "/other.tar")).Base);
    }

    [Fact]
    public void An_image_plan_checks_base_root_and_user()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("base.tar"), "");
        Assert.Null(ImagePlan.Resolve(new ImageSettings(Base: "base.tar"), "kv", temp.Path));
        var plan = ImagePlan.Resolve(new ImageSettings(true, "base.tar"), "kv", temp.Path)!;
        Assert.Equal((temp.Combine("base.tar"), "/opt/kv", 1654, 1654), (plan.BasePath, plan.Root, plan.Uid, plan.Gid));
        Assert.Equal((1000, 2000), ImagePlan.Resolve(new ImageSettings(true, "base.tar", "/srv/kv/", "1000:2000"), "kv", temp.Path) is { } p ? (p.Uid, p.Gid) : default);
        Assert.Equal("/srv/kv", ImagePlan.Resolve(new ImageSettings(true, "base.tar", "/srv/kv/"), "kv", temp.Path)!.Root);
        Assert.Contains("needs a base image", Assert.Throws<ReleaseException>(() => ImagePlan.Resolve(new ImageSettings(true), "kv", temp.Path)).Message);
        Assert.Contains("does not exist", Assert.Throws<ReleaseException>(() => ImagePlan.Resolve(new ImageSettings(true, "missing.tar"), "kv", temp.Path)).Message);
        Assert.Contains("image_root", Assert.Throws<ReleaseException>(() => ImagePlan.Resolve(new ImageSettings(true, "base.tar", "opt/kv"), "kv", temp.Path)).Message);
        Assert.Contains("image_user", Assert.Throws<ReleaseException>(() => ImagePlan.Resolve(new ImageSettings(true, "base.tar", User: "app"), "kv", temp.Path)).Message);
    }

    [Fact]
    public void A_layer_puts_entries_under_the_prefix_after_its_directories_and_owns_the_named_ones()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.Combine("src", "releases", "1.0.0"));
        File.WriteAllText(temp.Combine("src", "releases", "1.0.0", "kv.rel"), "x");
        File.WriteAllText(temp.Combine("src", "releases", "RELEASES"), "y");
        var layer = temp.Combine("layer.tar.gz");
        ReleaseArchive.Write(temp.Combine("src"), layer, new ArchiveOptions
        {
            EntryPrefix = "opt/kv",
            Owner = new ArchiveOwner(1654, 1655, ["/opt/kv", "/opt/kv/releases", "/opt/kv/releases/*"]),
        });
        using var gzip = new GZipStream(File.OpenRead(layer), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var entries = new List<(string Name, int Uid, int Gid)>();
        while (reader.GetNextEntry() is { } entry) entries.Add((entry.Name, entry.Uid, entry.Gid));
        Assert.Equal(
            [("opt/", 0, 0), ("opt/kv/", 1654, 1655), ("opt/kv/releases/", 1654, 1655), ("opt/kv/releases/1.0.0/", 1654, 1655),
             ("opt/kv/releases/1.0.0/kv.rel", 0, 0), ("opt/kv/releases/RELEASES", 1654, 1655)],
            entries);
    }

    [Fact]
    public void A_written_image_archive_reads_back_as_a_base_for_its_platform_only()
    {
        using var temp = new TempDirectory();
        var layerFile = temp.Combine("layer.tar");
        File.WriteAllBytes(layerFile, new byte[1024]);
        var layerDigest = OciDigest.OfFile(layerFile);
        var time = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var config = new OciImageConfig(new OciPlatform("linux", "arm64"), time, [layerDigest], [new OciHistory("2020-01-02T03:04:05Z", "test")])
        {
            Env = ["PATH=/usr/bin:/bin", "LANG=C.UTF-8"], User = "1:1", Entrypoint = ["/bin/sh"],
        };
        var configBytes = config.ToBytes();
        var configFile = temp.Combine("config.json");
        File.WriteAllBytes(configFile, configBytes);
        var manifest = new OciManifest(new OciDescriptor(OciMediaTypes.Config, OciDigest.Of(configBytes), configBytes.Length),
            [new OciDescriptor(OciMediaTypes.Layer, layerDigest, 1024)]);
        var manifestBytes = manifest.ToBytes();
        var manifestFile = temp.Combine("manifest.json");
        File.WriteAllBytes(manifestFile, manifestBytes);
        var descriptor = new OciDescriptor(OciMediaTypes.Manifest, OciDigest.Of(manifestBytes), manifestBytes.Length);
        var blobs = new Dictionary<string, string> { [layerDigest] = layerFile, [manifest.Config.Digest] = configFile, [descriptor.Digest] = manifestFile };

        var archive = temp.Combine("image.oci.tar");
        OciLayout.WriteArchive(archive, descriptor, blobs, manifest, "kv:1.0.0", time);
        var again = temp.Combine("again.oci.tar");
        OciLayout.WriteArchive(again, descriptor, blobs, manifest, "kv:1.0.0", time);
        Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(again));

        OciLayout.Extract(archive, temp.Combine("layout"));
        var opened = OciBaseImage.Open(temp.Combine("layout"), new OciPlatform("linux", "arm64"), archive);
        Assert.Equal(manifest.Config.Digest, opened.Manifest.Config.Digest);
        Assert.Equal(config.Env.ToArray(), opened.Config.Env.ToArray());
        Assert.Equal([layerDigest], opened.Config.DiffIds.ToArray());
        Assert.Equal(configBytes, opened.Config.ToBytes());
        Assert.Contains("has no image for linux/amd64 (it has: linux/arm64)",
            Assert.Throws<OciException>(() => OciBaseImage.Open(temp.Combine("layout"), new OciPlatform("linux", "amd64"), archive)).Message);
    }

    [Fact]
    public void A_base_that_is_not_an_oci_layout_says_how_to_make_one()
    {
        using var temp = new TempDirectory();
        Assert.Contains("skopeo copy", Assert.Throws<OciException>(() => OciBaseImage.Open(temp.Path, new OciPlatform("linux", "amd64"), temp.Path)).Message);
    }
}
