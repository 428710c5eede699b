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

        // The app's own arguments, as `dotnet Shop.dll --urls URL` takes them.
        var start = LauncherRun.Run(tree, ["start", "--", "--urls", $"http://127.0.0.1:{port}"]);
        Assert.True(start.ExitCode == 0, start + (File.Exists(tree.LogFile) ? File.ReadAllText(tree.LogFile) : ""));
        try
        {
            // The app is the node's entry program, as under `dotnet Shop.dll`, with the release's assembly list.
            var node = LauncherRun.Run(tree, ["pid"]).Stdout.Trim();
            var commandLine = File.ReadAllText($"/proc/{node}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["--depsfile", Path.Combine(tree.Root, "releases", "1.0.0", "start.deps.json")], commandLine.SkipWhile(a => a != "--depsfile").Take(2));
            Assert.Equal([Path.Combine(tree.Root, "lib", "Shop-1.0.0", "Shop.dll"), "--urls", $"http://127.0.0.1:{port}"], commandLine[^3..]);

            // The node's hooks into the app (node-owned sockets, readiness, draining) generate no code at run time: an
            // expression tree or a DispatchProxy compiled while the app built its host cost every start ~30 ms.
            // Before any request, as the app itself may use them to serve one.
            var pid = node;
            var maps = File.ReadAllText($"/proc/{pid}/maps");
            foreach (var generator in new[] { "System.Linq.Expressions.dll", "System.Reflection.DispatchProxy.dll", "/System.Reflection.Emit.dll" })
                Assert.False(maps.Contains(generator, StringComparison.Ordinal), $"the node {pid} loaded {generator.TrimStart('/')} at start");

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
