using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>The released ASP.NET Core app, run from its extracted tarball with no dotnet on the host's PATH.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShopApiTests(ShopApiRelease app) : IClassFixture<ShopApiRelease>, IDisposable
{
    private readonly int port = Posix.FreeLoopbackPort();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private string Url(string path) => $"http://127.0.0.1:{port}{path}";

    private string Source(string relative) => File.ReadAllText(Path.Combine(app.ProjectDir, relative));

    /// <summary>Polls /health until it answers 200 or <paramref name="node"/> exits; false after 60 s.</summary>
    private async Task<bool> WaitUntilAnswering(ForegroundNode node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !node.HasExited)
        {
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                if ((await http.GetAsync(Url("/health"), attempt.Token)).IsSuccessStatusCode) return true;
            }
            catch (HttpRequestException) { }
            catch (OperationCanceledException) { }
            await Task.Delay(100);
        }
        return false;
    }

    public void Dispose()
    {
        http.Dispose();
        ProcessTable.KillAllFrom(app.Tree.Root);
    }

    [Fact]
    public async Task Start_serves_the_api_static_files_and_configuration_then_stops_cleanly()
    {
        var runtimeVersion = app.Json.GetProperty("runtimeVersion").GetString()!;
        Assert.True(Directory.Exists(Path.Combine(app.Tree.Root, "runtime", "shared", "Microsoft.AspNetCore.App", runtimeVersion)));

        // start returns when the host has started, not when the node first answers ping: the warm-up between
        // Build and Run must be over and the server listening by then.
        var start = app.Run("start", "--", "--urls", Url(""), "--Startup:WarmUpMs=1500");
        Assert.True(start.ExitCode == 0, start + File.ReadAllText(app.Tree.LogFile));
        Assert.Equal("pong\n", app.Run("ping").Stdout);

        var info = await http.GetFromJsonAsync<JsonElement>(Url("/info"));
        Assert.Equal("Shop.Api", info.GetProperty("entryAssembly").GetString());
        Assert.Equal(app.Tree.AppDir + "/", info.GetProperty("baseDirectory").GetString());
        Assert.Equal(app.Tree.AppDir, info.GetProperty("contentRoot").GetString());
        Assert.Equal(Path.Combine(app.Tree.AppDir, "wwwroot"), info.GetProperty("webRoot").GetString());
        var settings = JsonDocument.Parse(Source("appsettings.json")).RootElement.GetProperty("Catalog");
        Assert.Equal(settings.GetProperty("StoreName").GetString(), info.GetProperty("storeName").GetString());

        var products = await http.GetFromJsonAsync<JsonElement>(Url("/products"));
        Assert.Equal(
            settings.GetProperty("Products").EnumerateArray().Select(p => p.GetProperty("Name").GetString()),
            products.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var created = await http.PostAsJsonAsync(Url("/products"), new { name = "Cup", price = 3.5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal("Cup", (await http.GetFromJsonAsync<JsonElement>(Url($"/products/{id}"))).GetProperty("name").GetString());

        Assert.Equal(Source("wwwroot/index.html"), await http.GetStringAsync(Url("/")));
        Assert.Equal(Source("wwwroot/css/site.css"), await http.GetStringAsync(Url("/css/site.css")));

        var pid = int.Parse(app.Run("pid").Stdout.Trim());
        var stop = app.Run("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(ProcessTable.IsAlive(pid));
        Assert.Empty(app.Processes);
        var log = File.ReadAllText(app.Tree.LogFile);
        Assert.Contains("service.name: shop-api", log);      // OpenTelemetry's console exporter traced the requests
        Assert.Contains("shop-api stopping", log);            // ApplicationStopping ran: a graceful host shutdown
        Assert.Contains($"{app.Tree.Name} {app.Tree.Version} exited with code 0", log);
    }

    [Fact]
    public async Task Foreground_binds_from_ASPNETCORE_URLS_and_SIGTERM_shuts_the_host_down_gracefully()
    {
        using var node = new ForegroundNode(app.Tree, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = Url("") });
        Assert.True(await WaitUntilAnswering(node), $"the app did not answer on {Url("/health")}\n{node.Output}");

        var exitCode = await node.TerminateAsync();
        Assert.True(exitCode == 0, $"exit {exitCode}\n{node.Output}");
        Assert.Contains("Application is shutting down...", node.Output);
        Assert.Contains("shop-api stopping", node.Output);
        Assert.Empty(app.Processes);
        Assert.False(File.Exists(app.Tree.PidFile));
    }
}
