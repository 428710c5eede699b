using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.StockApps;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Containers;

/// <summary>
/// A stock `dotnet new webapi` (StockWebApi) released with `--image` three times: 1.0.0; 1.0.0 again from a clean
/// checkout state (no bin/, obj/, output or tarball cache); 1.0.1 with one endpoint added (one assembly changed).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WebApiImages : IDisposable
{
    private readonly StockWebApi app = new("Shop", "1.0.0");

    public WebApiImages(ContainerHost host)
    {
        try
        {
            var output = Path.Combine(app.WorkDir, "out", "shop");
            var started = Stopwatch.StartNew();
            First = ReleasedImage.From(app.Release("--image", "--image-base", host.BaseArchive, "--output", output));
            FirstBuildTime = started.Elapsed;

            foreach (var dir in new[] { "bin", "obj" }) Directory.Delete(Path.Combine(app.ProjectDir, dir), recursive: true);
            Rebuilt = ReleasedImage.From(app.Release("--image", "--image-base", host.BaseArchive, "--output", Path.Combine(app.WorkDir, "clean", "shop")));

            app.AddEndpoint("/version", "1.0.1");
            app.SetVersion("1.0.1");
            started.Restart();
            Next = ReleasedImage.From(app.Release("--image", "--image-base", host.BaseArchive, "--output", output));
            NextBuildTime = started.Elapsed;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public ReleasedImage First { get; }
    public ReleasedImage Rebuilt { get; }
    public ReleasedImage Next { get; }
    public TimeSpan FirstBuildTime { get; }
    public TimeSpan NextBuildTime { get; }

    public void Dispose() => app.Dispose();
}

/// <summary>Issue 16's "done when" for an ordinary app: the image loads, runs and answers HTTP; skopeo reads it; a clean
/// rebuild gives the same digest; a one-assembly change shares every layer but the app's and the release layer.</summary>
[Collection(ContainerCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WebApiImageTests(ContainerHost host, ITestOutputHelper output)
{
    private WebApiImages Images => host.Shared(h => new WebApiImages(h));

    [Fact]
    public async Task The_image_loads_runs_as_a_non_root_user_answers_http_and_stops_on_sigterm()
    {
        var images = Images;
        output.WriteLine($"release 1.0.0 with image: {images.FirstBuildTime.TotalSeconds:0.0} s; 1.0.1: {images.NextBuildTime.TotalSeconds:0.0} s");
        var podman = host.Podman;
        foreach (var (image, path) in new[] { (images.First, "/weatherforecast"), (images.Next, "/version") })
        {
            var name = podman.Load(image.Path);
            Assert.Equal("localhost/" + image.RepoTag, name);
            var port = Posix.FreeLoopbackPort();
            var container = podman.Start(name, ["-e", $"ASPNETCORE_URLS=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"]);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var body = await GetWhenUp(http, $"http://127.0.0.1:{port}{path}", container);
            if (path == "/version") Assert.Equal("1.0.1", body);
            else Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(body).RootElement.ValueKind);

            var pid = podman.Checked("inspect", "--format", "{{.State.Pid}}", container).Stdout.Trim();
            Assert.Matches(@"(?m)^Uid:\s+1654\s", File.ReadAllText($"/proc/{pid}/status"));
            podman.Checked("stop", "-t", "30", container);
            Assert.Equal("0", podman.Checked("inspect", "--format", "{{.State.ExitCode}}", container).Stdout.Trim());
        }
    }

    [Fact]
    public void Skopeo_inspect_reads_the_image_and_its_config()
    {
        var image = Images.First;
        var inspect = Podman.Exec("skopeo", ["inspect", $"oci-archive:{image.Path}"]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        var json = JsonDocument.Parse(inspect.Stdout).RootElement;
        Assert.Equal(image.Digest, json.GetProperty("Digest").GetString());
        Assert.Equal("amd64", json.GetProperty("Architecture").GetString());
        Assert.Equal("linux", json.GetProperty("Os").GetString());
        Assert.Equal("1.0.0", json.GetProperty("Labels").GetProperty("org.opencontainers.image.version").GetString());
        Assert.Equal("shop", json.GetProperty("Labels").GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal(image.Layers.Select(l => l.Digest), json.GetProperty("Layers").EnumerateArray().Select(l => l.GetString()));

        var config = Podman.Exec("skopeo", ["inspect", "--config", $"oci-archive:{image.Path}"]);
        Assert.True(config.ExitCode == 0, config.ToString());
        var run = JsonDocument.Parse(config.Stdout).RootElement.GetProperty("config");
        Assert.Equal("1654:1654", run.GetProperty("User").GetString());
        Assert.Equal(["/opt/shop/bin/shop", "foreground"], run.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/opt/shop", run.GetProperty("WorkingDir").GetString());
        Assert.Equal("SIGTERM", run.GetProperty("StopSignal").GetString());
    }

    [Fact]
    public void A_clean_rebuild_gives_the_same_image_digest_and_bytes()
    {
        var images = Images;
        Assert.Equal(images.First.Digest, images.Rebuilt.Digest);
        Assert.Equal(Sha256(images.First.Path), Sha256(images.Rebuilt.Path));
    }

    [Fact]
    public void A_one_assembly_change_shares_every_layer_but_the_apps_and_the_release_layer()
    {
        var (first, next) = (Images.First, Images.Next);
        output.WriteLine(string.Join('\n', first.Layers.Zip(next.Layers).Select(p => $"{p.First.Content,-45} {p.First.Digest[7..19]}  {p.Second.Content,-45} {p.Second.Digest[7..19]}")));
        Assert.Equal(first.Layers.Count, next.Layers.Count);
        Assert.Equal(["base", "runtime/", "lib/RelTool.Boot-"], first.Layers.Take(3).Select(l => l.Content.StartsWith("lib/", StringComparison.Ordinal) ? l.Content[..17] : l.Content));
        Assert.Equal("release", first.Layers[^1].Content);
        for (var i = 0; i < first.Layers.Count; i++)
        {
            var (a, b) = (first.Layers[i], next.Layers[i]);
            if (a.Content == "lib/Shop-1.0.0/")
            {
                Assert.Equal("lib/Shop-1.0.1/", b.Content);
                Assert.NotEqual(a.Digest, b.Digest);
            }
            else if (a.Content == "release") Assert.NotEqual(a.Digest, b.Digest);
            else Assert.Equal(a, b);
        }
        Assert.Contains(first.Layers, l => l.Content == "lib/Shop-1.0.0/");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private async Task<string> GetWhenUp(HttpClient http, string url, string container)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var response = await http.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
            catch (HttpRequestException e)
            {
                throw new TimeoutException($"{url} did not answer: {e.Message}\n{host.Podman.Logs(container)}");
            }
        }
    }
}
