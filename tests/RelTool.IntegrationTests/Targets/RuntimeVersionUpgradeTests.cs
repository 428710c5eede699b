using System.Text.RegularExpressions;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.StockApps;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Targets;

/// <summary>
/// Issue 11, item 3: a release pinned to another runtime patch level (runtime_version) upgrades as OTP upgrades across
/// an erts change — the relup restarts into the new runtime (restart_new_emulator), whose folders the upgrade tarball
/// brings beside the installed ones — and downgrades back onto the old runtime (by restart; both stay installed).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RuntimeVersionUpgradeTests(ITestOutputHelper output)
{
    /// <summary>Served for linux-x64 here and not the SDK host's 10.0.12 (CrossTargetReleaseTests pins the same).</summary>
    private const string NewRuntime = "10.0.15";

    [Fact]
    public async Task A_release_on_a_new_runtime_patch_level_upgrades_by_restart_onto_it_and_downgrades()
    {
        using var app = new StockWebApi("Shop", "1.0.0");
        app.AddEndpoint("/version", "1.0.0");
        var first = app.Release();
        var oldRuntime = first.GetProperty("runtimeVersion").GetString()!;
        Assert.NotEqual(NewRuntime, oldRuntime);

        app.SetVersion("1.0.1");
        app.AddEndpoint("/runtime", "pinned");
        var config = Path.Combine(app.ProjectDir, "rel", "config.yaml");
        var text = File.ReadAllText(config);
        const string section = "releases:\n  shop:\n";
        Assert.Contains(section, text);
        File.WriteAllText(config, text.Replace(section, section + $"    runtime_version: {NewRuntime}\n", StringComparison.Ordinal));
        var second = app.Release("--upgrade");
        Assert.Equal(NewRuntime, second.GetProperty("runtimeVersion").GetString());
        var relup = File.ReadAllText(second.GetProperty("upgrade").GetProperty("relup").GetString()!);
        Assert.Contains("restart_new_emulator", relup);

        var tree = app.Install(first);
        app.Stage(second);
        var port = Posix.FreeLoopbackPort();
        var env = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" };
        var start = LauncherRun.Run(tree, ["start"], env);
        Assert.True(start.ExitCode == 0, start + Log(tree));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        try
        {
            Assert.Equal(oldRuntime, NodeRuntime(tree));

            var upgrade = LauncherRun.Run(tree, ["upgrade", "1.0.1"]);
            output.WriteLine($"upgrade:\n{upgrade}");
            Assert.True(upgrade.ExitCode == 0, upgrade + Log(tree));
            Assert.True(Directory.Exists(Path.Combine(tree.Root, "runtime", "shared", "Microsoft.NETCore.App", NewRuntime)));
            Assert.True(Directory.Exists(Path.Combine(tree.Root, "runtime", "shared", "Microsoft.AspNetCore.App", NewRuntime)));
            Assert.True(Directory.Exists(Path.Combine(tree.Root, "runtime", "shared", "Microsoft.NETCore.App", oldRuntime)));
            Assert.Equal("pinned", await http.GetStringAsync($"http://127.0.0.1:{port}/runtime"));
            Assert.Equal(NewRuntime, NodeRuntime(tree));
            Assert.Contains($"loaded runtime: {NewRuntime}", LauncherRun.Run(tree, ["describe"]).Stdout);
            Assert.Equal($"{NewRuntime} 1.0.1", File.ReadAllText(Path.Combine(tree.Root, "releases", "start_erl.data")).Trim());

            var downgrade = LauncherRun.Run(tree, ["downgrade", "1.0.0"]);
            output.WriteLine($"downgrade:\n{downgrade}");
            Assert.True(downgrade.ExitCode == 0, downgrade + Log(tree));
            Assert.Equal("1.0.0", await http.GetStringAsync($"http://127.0.0.1:{port}/version"));
            Assert.Equal($"{oldRuntime} 1.0.0", File.ReadAllText(Path.Combine(tree.Root, "releases", "start_erl.data")).Trim());
            // The release is pinned to its own patch (rollForward Disable), not rolled forward to the newer one beside it.
            Assert.Equal(oldRuntime, NodeRuntime(tree));
            Assert.True(Directory.Exists(Path.Combine(tree.Root, "runtime", "shared", "Microsoft.NETCore.App", NewRuntime)));
        }
        finally
        {
            LauncherRun.Run(tree, ["stop"]);
        }
    }

    /// <summary>The runtime the running node really loaded: the version folder of the libcoreclr.so it mapped.</summary>
    private static string NodeRuntime(ReleaseTree tree)
    {
        var pid = LauncherRun.Run(tree, ["pid"]).Stdout.Trim();
        var coreclr = Regex.Match(File.ReadAllText($"/proc/{pid}/maps"), @"/runtime/shared/Microsoft\.NETCore\.App/([^/]+)/libcoreclr\.so");
        Assert.True(coreclr.Success, $"node {pid} maps no bundled libcoreclr.so");
        return coreclr.Groups[1].Value;
    }

    private static string Log(ReleaseTree tree) => File.Exists(tree.LogFile) ? "\n--- log\n" + File.ReadAllText(tree.LogFile) : "";
}
