using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Production;

/// <summary>
/// etc/ belongs to the operator: etc/&lt;name&gt;.env and etc/appsettings.json configure a stock webapi without app code,
/// and no upgrade, downgrade or overlay changes them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(ProductionWebApi.Collection)]
public sealed class EtcConfigurationTests(ProductionWebApi webApi)
{
    [Fact]
    public async Task Etc_env_and_appsettings_configure_the_stock_webapi_and_survive_upgrade_and_downgrade()
    {
        var app = webApi.App;
        var tree = webApi.InstallFresh("etc");
        var etc = Path.Combine(tree.Root, "etc");
        Directory.CreateDirectory(etc);
        int envPort = Posix.FreeLoopbackPort(), jsonPort = Posix.FreeLoopbackPort();
        var envFile = Path.Combine(etc, "shop.env");
        File.WriteAllText(envFile, $"# the operator's settings\nASPNETCORE_URLS=http://127.0.0.1:{envPort}\nexport Greeting=\"from etc\"\n");
        // Nothing in the caller's environment says where to listen (an empty ASPNETCORE_URLS, which etc/shop.env overrides).
        var noUrls = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "" };

        Start(tree, noUrls);
        try { Assert.Equal("1.0.0", await Get(envPort, "/version")); }
        finally { Stop(tree); }

        // etc/appsettings.json comes after the app's own sources (and the environment): its Urls wins.
        var appSettings = Path.Combine(etc, "appsettings.json");
        File.WriteAllText(appSettings, $$"""{ "Urls": "http://127.0.0.1:{{jsonPort}}" }""" + "\n");
        Start(tree, noUrls);
        try
        {
            Assert.Equal("1.0.0", await Get(jsonPort, "/version"));

            // 2.0.0 seeds etc/appsettings.json (the operator's edited one must stay), adds etc/extra.conf and var/notes.txt;
            // its unpack replaces a bin/shop that differs.
            var seeds = Path.Combine(app.ProjectDir, "rel", "seed");
            Directory.CreateDirectory(seeds);
            File.WriteAllText(Path.Combine(seeds, "appsettings.json"), """{ "Urls": "http://127.0.0.1:1" }""");
            File.WriteAllText(Path.Combine(seeds, "extra.conf"), "seeded\n");
            File.WriteAllText(Path.Combine(seeds, "notes.txt"), "notes of 2.0.0\n");
            app.AddOverlays("""
                      - copy: rel/seed/appsettings.json
                        to: etc/appsettings.json
                      - copy: rel/seed/extra.conf
                        to: etc/extra.conf
                      - copy: rel/seed/notes.txt
                        to: var/notes.txt
                """);
            app.SetVersion("2.0.0");
            var release2 = app.Release("--upgrade");
            // The full tarball, not the upgrade one: it has bin/shop and every overlay file, etc/appsettings.json included.
            var staged = Path.Combine(tree.Root, "releases", "2.0.0");
            Directory.CreateDirectory(staged);
            File.Copy(release2.GetProperty("tarball").GetProperty("path").GetString()!, Path.Combine(staged, "shop.tar.gz"));
            File.AppendAllText(tree.Bin, "# an old launcher script\n");
            var envBefore = File.ReadAllBytes(envFile);
            var jsonBefore = File.ReadAllBytes(appSettings);

            var upgrade = LauncherRun.Run(tree, ["upgrade", "2.0.0"], noUrls, timeoutSeconds: 180);
            Assert.True(upgrade.ExitCode == 0, upgrade + Log(tree));
            Assert.Equal("2.0.0", await Get(jsonPort, "/version"));
            Assert.Equal(envBefore, File.ReadAllBytes(envFile));
            Assert.Equal(jsonBefore, File.ReadAllBytes(appSettings));
            Assert.Equal("seeded\n", File.ReadAllText(Path.Combine(etc, "extra.conf")));
            Assert.Equal("notes of 2.0.0\n", File.ReadAllText(Path.Combine(tree.Root, "var", "notes.txt")));
            Assert.DoesNotContain("# an old launcher script", File.ReadAllText(tree.Bin));

            var downgrade = LauncherRun.Run(tree, ["downgrade", "1.0.0"], noUrls, timeoutSeconds: 180);
            Assert.True(downgrade.ExitCode == 0, downgrade + Log(tree));
            Assert.Equal("1.0.0", await Get(jsonPort, "/version"));
            Assert.Equal(envBefore, File.ReadAllBytes(envFile));
            Assert.Equal(jsonBefore, File.ReadAllBytes(appSettings));
        }
        finally { Stop(tree); }
    }

    [Fact]
    public void A_malformed_env_file_stops_the_start_with_its_file_and_line()
    {
        var tree = webApi.InstallFresh("bad-env");
        Directory.CreateDirectory(Path.Combine(tree.Root, "etc"));
        File.WriteAllText(Path.Combine(tree.Root, "etc", "shop.env"), "# fine\nGOOD=1\nnot a variable\n");
        var start = LauncherRun.Run(tree, ["start", "--timeout", "60"]);
        Assert.True(start.ExitCode == 1, start.ToString());
        Assert.Contains("etc/shop.env:3: expected NAME=VALUE", start.Stderr);
        Assert.DoesNotContain("   at ", start.Stderr);
    }

    private static void Start(ReleaseTree tree, IReadOnlyDictionary<string, string> env)
    {
        var start = LauncherRun.Run(tree, ["start"], env);
        Assert.True(start.ExitCode == 0, start + Log(tree));
    }

    private static void Stop(ReleaseTree tree)
    {
        var stop = LauncherRun.Run(tree, ["stop"]);
        Assert.True(stop.ExitCode is 0 or 3, stop.ToString());
    }

    private static async Task<string> Get(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        return await http.GetStringAsync($"http://127.0.0.1:{port}{path}");
    }

    private static string Log(ReleaseTree tree) => File.Exists(tree.LogFile) ? "\n--- log\n" + File.ReadAllText(tree.LogFile) : "";
}
