using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.StockApps;

/// <summary>The reference ordinary app, as a new user would try it: generated, released, installed, started, asked, stopped.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StockWebApiTests
{
    [Fact]
    public async Task A_stock_webapi_releases_starts_serves_and_stops()
    {
        using var app = new StockWebApi("Shop", "1.0.0");
        app.AddEndpoint("/version", "1.0.0");
        var tree = app.Install(app.Release());
        var port = Posix.FreeLoopbackPort();
        var env = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };

        var start = LauncherRun.Run(tree, ["start"], env);
        Assert.True(start.ExitCode == 0, start + (File.Exists(tree.LogFile) ? File.ReadAllText(tree.LogFile) : ""));
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            Assert.Equal("1.0.0", await http.GetStringAsync($"http://127.0.0.1:{port}/version"));
            Assert.Contains("temperatureC", await http.GetStringAsync($"http://127.0.0.1:{port}/weatherforecast"));
        }
        finally
        {
            var stop = LauncherRun.Run(tree, ["stop"]);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }
    }
}
