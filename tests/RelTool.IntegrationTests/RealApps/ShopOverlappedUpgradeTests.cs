using System.Text.RegularExpressions;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;
using RelTool.IntegrationTests.StockApps;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>Apps/Shop released as 1.4.0, then as 1.4.1 with `--upgrade` (only the version bumped); the upgrade tarball staged in the installed root.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShopUpgradeReleases : RealAppRelease
{
    public const string NewVersion = "1.4.1";

    public ShopUpgradeReleases() : base("Shop", "Shop.Api")
    {
        var project = Path.Combine(ProjectDir, "Shop.Api.csproj");
        File.WriteAllText(project, Regex.Replace(File.ReadAllText(project), "<Version>[^<]*</Version>", $"<Version>{NewVersion}</Version>"));
        var upgrade = ReltoolProcess.Run(ProjectDir, "release", "--upgrade", "--json");
        if (upgrade.ExitCode != 0) throw new InvalidOperationException($"reltool release --upgrade failed: {upgrade}");
        var tarball = System.Text.Json.JsonDocument.Parse(upgrade.Stdout).RootElement.GetProperty("upgrade").GetProperty("tarball").GetProperty("path").GetString()!;
        var staged = Path.Combine(Tree.Root, "releases", NewVersion);
        Directory.CreateDirectory(staged);
        File.Copy(tarball, Path.Combine(staged, Path.GetFileName(tarball)));
    }
}

/// <summary>
/// A real ASP.NET Core app nobody here wrote for reltool (a minimal API with a class library and OpenTelemetry's hosting,
/// ASP.NET Core instrumentation and console exporter) upgrades and downgrades by overlapped restart under the same
/// strict loops as the stock webapi, with no failed request and no refused connection.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShopOverlappedUpgradeTests(ShopUpgradeReleases app, ITestOutputHelper output) : IClassFixture<ShopUpgradeReleases>, IDisposable
{
    private static readonly TimeSpan Plenty = TimeSpan.FromSeconds(60);

    public void Dispose() => ProcessTable.KillAllFrom(app.Tree.Root);

    [Fact]
    public void The_shop_upgrades_and_downgrades_by_overlapped_restart_with_no_failed_request()
    {
        var port = Posix.FreeLoopbackPort();
        var start = app.Run(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" }, "start");
        Assert.True(start.ExitCode == 0, start + File.ReadAllText(app.Tree.LogFile));

        using var fresh = RequestLoop.NewConnectionEach(port, "/health");
        using var keepAlive = RequestLoop.KeepAlive(port, "/health");
        using var connects = new ConnectLoop(port);
        RequestLoop[] loops = [fresh, keepAlive];
        foreach (var loop in loops) Assert.True(loop.WaitForMore(20, Plenty), loop.ToString());

        foreach (var (command, version) in new[] { ("upgrade", ShopUpgradeReleases.NewVersion), ("downgrade", app.Tree.Version) })
        {
            var pid = app.Run("pid").Stdout.Trim();
            foreach (var loop in loops) loop.ResetLongestGap();
            var moved = LauncherRun.Run(app.Tree, [command, version], timeoutSeconds: 120);
            output.WriteLine($"{command} {version}:\n{moved.Stdout}{moved.Stderr}");
            Assert.True(moved.ExitCode == 0, moved + File.ReadAllText(app.Tree.LogFile));
            Assert.Contains("overlapped restart", moved.Stdout);
            Assert.NotEqual(pid, app.Run("pid").Stdout.Trim());
            Assert.Contains($"{app.Tree.Name} {version} permanent current,running", app.Run("versions").Stdout);
            foreach (var loop in loops)
            {
                Assert.True(loop.WaitForMore(20, Plenty), loop.ToString());
                output.WriteLine($"  {loop.Kind}: longest time without an answer {loop.LongestGap.TotalMilliseconds:0} ms");
            }
        }

        connects.Dispose();
        output.WriteLine(connects.ToString());
        foreach (var loop in loops)
        {
            loop.Dispose();
            output.WriteLine(loop.ToString());
            Assert.Empty(loop.Failures);
        }
        Assert.Empty(connects.Refusals);
        var stop = app.Run("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
    }
}
