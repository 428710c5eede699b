using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Upgrade;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Containers;

/// <summary>samples/kv 0.1.0 and 0.2.0 (`--upgrade`), both with `--image` on the Debian base: one build for the class.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KvImages : IDisposable
{
    private readonly UpgradeBuild build = new("kv");

    public KvImages(ContainerHost host)
    {
        var started = Stopwatch.StartNew();
        First = ReleasedImage.From(JsonDocument.Parse(build.Release("src/Kv", false, "--image", "--image-base", host.BaseArchive, "--json")).RootElement);
        build.ApplyPatch("0.2.0.patch");
        Second = ReleasedImage.From(JsonDocument.Parse(build.Release("src/Kv", true, "--image", "--image-base", host.BaseArchive, "--json")).RootElement);
        BuildTime = started.Elapsed;
    }

    public ReleasedImage First { get; }
    public ReleasedImage Second { get; }
    public TimeSpan BuildTime { get; }
    public string UpgradeTarball => build.UpgradeTarball("kv", "0.2.0", "0.1.0");

    public void Dispose() => build.Dispose();
}

/// <summary>Issue 16's "done when" for the live-upgrade app: kv's image runs under podman, answers its protocol, and
/// `bin/kv upgrade 0.2.0` run inside the running container (the upgrade tarball on a volume) keeps its state.</summary>
[Collection(ContainerCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KvImageTests(ContainerHost host, ITestOutputHelper output)
{
    private KvImages Images => host.Shared(h => new KvImages(h));

    [Fact]
    public void Kv_image_runs_answers_its_protocol_and_upgrades_live_inside_the_container_keeping_its_state()
    {
        var images = Images;
        output.WriteLine($"base image built in {host.BaseBuildTime.TotalSeconds:0.0} s; kv 0.1.0 + 0.2.0 released with images in {images.BuildTime.TotalSeconds:0.0} s");
        var podman = host.Podman;
        var image = podman.Load(images.First.Path);
        Assert.Equal("localhost/kv:0.1.0", image);

        // The upgrade tarball reaches the container on a volume mounted where `upgrade` looks for it; :U gives it to the image's user.
        var volume = Directory.CreateDirectory(Path.Combine(host.Root, "kv-upgrade-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.Copy(images.UpgradeTarball, Path.Combine(volume, "kv-from-0.1.0.tar.gz"));
        var port = Posix.FreeLoopbackPort();
        var container = podman.Start(image, ["-e", $"KV_PORT={port.ToString(CultureInfo.InvariantCulture)}", "-v", $"{volume}:/opt/kv/releases/0.2.0:U"]);
        WaitForPort(port, container);

        const int keys = 2_000;
        using (var client = new LineClient(port))
        {
            var replies = client.Pipeline([.. Enumerable.Range(0, keys).Select(i => $"PUT seed{i} value{i}")]);
            Assert.All(replies, r => Assert.Equal("OK", r));
        }
        using var held = new LineClient(port); // a connection open across the upgrade
        Assert.Equal("value7", held.Call("GET seed7"));

        var upgrade = podman.Run("exec", container, "/opt/kv/bin/kv", "upgrade", "0.2.0");
        output.WriteLine($"podman exec … bin/kv upgrade 0.2.0:\n{upgrade}");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("installed 0.2.0 from 0.1.0", upgrade.Stdout);
        Assert.Contains("kv 0.2.0 is permanent", upgrade.Stdout);

        Assert.Equal("value7", held.Call("GET seed7"));
        using (var client = new LineClient(port))
        {
            var replies = client.Pipeline([.. Enumerable.Range(0, keys).Select(i => $"GET seed{i}")]);
            for (var i = 0; i < keys; i++) Assert.Equal($"value{i}", replies[i]);
        }
        // 0.2.0's code answers now (it logs each request with the write count its code_change gave the old keys).
        Assert.Contains("kv 0.2.0 GET seed7 (1 writes)", podman.Logs(container));
        var versions = podman.Run("exec", container, "/opt/kv/bin/kv", "versions");
        Assert.Contains("kv 0.2.0 permanent current,running", versions.Stdout);

        // It runs as the image's non-root user, and stops cleanly on the image's stop signal.
        var pid = podman.Checked("inspect", "--format", "{{.State.Pid}}", container).Stdout.Trim();
        Assert.Matches(@"(?m)^Uid:\s+1654\s", File.ReadAllText($"/proc/{pid}/status"));
        podman.Checked("stop", "-t", "30", container);
        Assert.Equal("0", podman.Checked("inspect", "--format", "{{.State.ExitCode}}", container).Stdout.Trim());
    }

    private void WaitForPort(int port, string container)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"kv in container {container} does not listen on {port}: {e.Message}\n{host.Podman.Logs(container)}");
            }
        }
    }
}
