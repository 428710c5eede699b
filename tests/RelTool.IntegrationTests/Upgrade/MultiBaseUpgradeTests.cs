using System.Globalization;
using RelTool.Formats.Manifests;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>`reltool release --upgrade --upfrom 0.1.0 --upfrom 0.1.1`: one 0.2.0 build that upgrades hosts on either.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MultiBaseUpgradeTests(MultiBaseUpgradeFixture fixture) : IClassFixture<MultiBaseUpgradeFixture>
{
    private string Output => fixture.Output;

    [Fact]
    public void Kv_appup_has_an_up_and_a_down_entry_for_each_base_in_the_order_given()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        var appup = AppupFile.Read(Path.Combine(Output, "lib", "Kv-0.2.0", "Kv.appup"));
        Assert.Equal("0.2.0", appup.Vsn);
        Assert.Equal(["0.1.0", "0.1.1"], appup.UpFrom.Select(e => e.Version.ToString()));
        Assert.Equal(["0.1.0", "0.1.1"], appup.DownTo.Select(e => e.Version.ToString()));
        Assert.All(appup.UpFrom.Concat(appup.DownTo), e => Assert.NotEmpty(e.Instructions));
        SystoolsRelup.Consult(Path.Combine(Output, "lib", "Kv-0.2.0", "Kv.appup"));
    }

    [Fact]
    public void The_relup_goes_up_from_and_down_to_both_bases_and_is_what_systools_writes()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        var path = Path.Combine(Output, "releases", "0.2.0", "relup");
        var relup = RelupFile.Read(path);
        Assert.Equal(["0.1.0", "0.1.1"], relup.Up.Select(e => e.Vsn));
        Assert.Equal(["0.1.0", "0.1.1"], relup.Down.Select(e => e.Vsn));
        // systools lists the bases in the reverse order of its arguments: reltool gives them reversed, so the relup keeps the user's order.
        Assert.Equal(SystoolsRelup.Make(Output, "kv", "0.2.0", ["0.1.1", "0.1.0"]), File.ReadAllText(path));
        SystoolsRelup.Consult(path);
    }

    [Fact]
    public void Each_base_gets_its_upgrade_tarball_with_the_new_kv_lib_dir()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        foreach (var from in new[] { "0.1.0", "0.1.1" })
        {
            var tarball = Path.Combine(Output, "releases", "0.2.0", $"kv-from-{from}.tar.gz");
            var files = Entries(tarball).Where(e => !e.EndsWith('/')).ToList();
            Assert.Contains("lib/Kv-0.2.0/Kv.dll", files);
            Assert.Contains("lib/Kv-0.2.0/Kv.appup", files);
            Assert.Contains("releases/0.2.0/relup", files);
            Assert.All(files, f => Assert.Matches(@"^(lib/Kv-0\.2\.0/|releases/0\.2\.0/)", f));
        }
    }

    [Fact]
    public void The_json_keeps_upgrade_for_the_first_base_and_lists_every_base_in_upgrades()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        Assert.Equal(2, fixture.Json.GetProperty("schema").GetInt32());
        Assert.Equal("0.1.0", fixture.Json.GetProperty("upgrade").GetProperty("from").GetString());
        var upgrades = fixture.Json.GetProperty("upgrades").EnumerateArray().ToList();
        Assert.Equal(["0.1.0", "0.1.1"], upgrades.Select(u => u.GetProperty("from").GetString()));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(fixture.Json.GetProperty("upgrade")), System.Text.Json.JsonSerializer.Serialize(upgrades[0]));
        foreach (var upgrade in upgrades)
        {
            var from = upgrade.GetProperty("from").GetString();
            Assert.Equal(Path.Combine(Output, "releases", "0.2.0", $"kv-from-{from}.tar.gz"), upgrade.GetProperty("tarball").GetProperty("path").GetString());
            var appup = Assert.Single(upgrade.GetProperty("appups").EnumerateArray());
            Assert.Equal(("Kv", from, "0.2.0"), (appup.GetProperty("application").GetString(), appup.GetProperty("from").GetString(), appup.GetProperty("to").GetString()));
            Assert.Contains("lib/RelTool.Runtime-0.1.0", upgrade.GetProperty("sharedLibDirs").EnumerateArray().Select(d => d.GetString()));
        }
    }

    [Fact]
    public void A_host_on_0_1_1_upgrades_live_to_0_2_0_and_back()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(Path.Combine(Output, "releases", "0.1.1", "kv.tar.gz"), "kv", "0.1.1",
            new Dictionary<string, string> { ["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        using (var client = new LineClient(port)) Assert.Equal("OK", client.Call("PUT kept 011"));
        var dir = Directory.CreateDirectory(Path.Combine(node.Root, "releases", "0.2.0")).FullName;
        File.Copy(Path.Combine(Output, "releases", "0.2.0", "kv-from-0.1.1.tar.gz"), Path.Combine(dir, "kv-from-0.1.1.tar.gz"));

        var upgrade = node.Run("upgrade", "0.2.0");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("unpacked kv 0.2.0 from kv-from-0.1.1.tar.gz", upgrade.Stdout);
        Assert.Contains("installed 0.2.0 from 0.1.1", upgrade.Stdout);
        Assert.Contains("kv 0.2.0 permanent current,running", node.Versions());
        using (var client = new LineClient(port)) Assert.Equal("011", client.Call("GET kept"));
        Assert.Contains("kv 0.2.0 GET kept", node.LogWith("kv 0.2.0 GET kept"));

        var downgrade = node.Run("downgrade", "0.1.1");
        Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
        Assert.Contains("installed 0.1.1 from 0.2.0 (downgrade)", downgrade.Stdout);
        using (var client = new LineClient(port)) Assert.Equal("011", client.Call("GET kept"));
        Assert.Contains("kv 0.1.1 permanent current,running", node.Versions());
    }

    private static List<string> Entries(string tarball) => TarballEntries.Of(tarball);
}
