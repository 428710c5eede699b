using System.Globalization;
using RelTool.IntegrationTests.Boot;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>samples/octochat: clients that stay connected through a live upgrade and downgrade get the running code's echo.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OctochatLiveUpgradeTests(OctochatUpgradeFixture fixture, ITestOutputHelper output) : IClassFixture<OctochatUpgradeFixture>
{
    private const int Clients = 4;

    [Fact]
    public void Connected_clients_get_the_new_echo_after_the_upgrade_and_the_old_one_after_the_downgrade_on_the_same_connection()
    {
        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(fixture.FirstTarball, "octochat", "0.3.2",
            new() { ["OCTOCHAT_PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        var clients = Enumerable.Range(0, Clients).Select(_ => new LineClient(port)).ToList();
        try
        {
            for (var i = 0; i < Clients; i++) Assert.Equal($"hello {i}", clients[i].Call($"hello {i}"));

            var dir = Directory.CreateDirectory(Path.Combine(node.Root, "releases", "0.3.3")).FullName;
            File.Copy(fixture.UpgradeTarball, Path.Combine(dir, "octochat-from-0.3.2.tar.gz"));
            var upgrade = node.Run("upgrade", "0.3.3");
            Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
            output.WriteLine($"bin/octochat upgrade 0.3.3:\n{upgrade.Stdout}");
            Assert.Contains("installed 0.3.3 from 0.3.2", upgrade.Stdout);
            Assert.Matches(@"(?m)^unloaded octochat-0.3.2 in \d+ ms$", upgrade.Stdout);
            for (var i = 0; i < Clients; i++) Assert.Equal($"echo: after upgrade {i}", clients[i].Call($"after upgrade {i}"));
            using (var late = new LineClient(port)) Assert.Equal("echo: new client", late.Call("new client"));

            var downgrade = node.Run("downgrade", "0.3.2");
            Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
            output.WriteLine($"bin/octochat downgrade 0.3.2:\n{downgrade.Stdout}");
            Assert.Contains("installed 0.3.2 from 0.3.3 (downgrade)", downgrade.Stdout);
            Assert.Matches(@"(?m)^unloaded octochat-0.3.3 in \d+ ms$", downgrade.Stdout);
            for (var i = 0; i < Clients; i++) Assert.Equal($"after downgrade {i}", clients[i].Call($"after downgrade {i}"));
            Assert.Contains("octochat 0.3.2 permanent current,running", node.Versions());
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }
}
