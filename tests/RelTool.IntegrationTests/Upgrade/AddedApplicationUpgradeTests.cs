using System.Globalization;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// samples/kv 0.1.0, then 0.2.0 that brings a new application (a project Kv references, with its own IApplication):
/// `reltool release --upgrade` turns it into add_application/remove_application, and the live upgrade starts it and
/// the downgrade stops it on the running node, which keeps its state throughout.
/// </summary>
public sealed class AddedApplicationFixture : IDisposable
{
    private readonly UpgradeBuild build = new("kv");

    public AddedApplicationFixture()
    {
        build.Release("src/Kv");
        var audit = Path.Combine(build.Sources, "src", "KvAudit");
        Directory.CreateDirectory(audit);
        File.WriteAllText(Path.Combine(audit, "KvAudit.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <Version>1.0.0</Version>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="$(RelToolRepoRoot)src/RelTool.Runtime/RelTool.Runtime.csproj" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(audit, "AuditApplication.cs"), """
            using RelTool.Runtime;

            namespace KvAudit;

            public sealed class AuditApplication : IApplication
            {
                public IChildProcess Start(Node node, IReadOnlyList<string> args)
                {
                    Console.WriteLine($"kvaudit started on {node.ReleaseVersion}");
                    return Supervisor.StartOneForOne("audit_sup", []);
                }

                public void Stop(Node node) => Console.WriteLine("kvaudit stopped");
            }
            """);
        var project = Path.Combine(build.Sources, "src", "Kv", "Kv.csproj");
        File.WriteAllText(project, File.ReadAllText(project)
            .Replace("<Version>0.1.0</Version>", "<Version>0.2.0</Version>")
            .Replace("</Project>", "  <ItemGroup>\n    <ProjectReference Include=\"../KvAudit/KvAudit.csproj\" />\n  </ItemGroup>\n</Project>"));
        build.Release("src/Kv", upgrade: true);
    }

    public string FirstTarball => build.FullTarball("kv", "0.1.0");
    public string UpgradeTarball => build.UpgradeTarball("kv", "0.2.0", "0.1.0");
    public string Relup => File.ReadAllText(Path.Combine(build.Output, "releases", "0.2.0", "relup"));

    public void Dispose() => build.Dispose();
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AddedApplicationUpgradeTests(AddedApplicationFixture fixture) : IClassFixture<AddedApplicationFixture>
{
    [Fact]
    public void The_relup_starts_the_added_application_on_upgrade_and_stops_it_on_downgrade()
    {
        var relup = fixture.Relup.ReplaceLineEndings(" ");
        Assert.Contains("{load_object_code,{'KvAudit',\"1.0.0\",['KvAudit']}}", relup);
        Assert.Contains("{apply,{application,start,['KvAudit',permanent]}}", relup);
        Assert.Contains("{apply,{application,stop,['KvAudit']}}", relup);
        Assert.Contains("lib/KvAudit-1.0.0/KvAudit.dll", RelTool.Formats.Archive.ReleaseArchive.List(fixture.UpgradeTarball).Select(e => e.Path));
    }

    [Fact]
    public void A_live_upgrade_starts_the_new_application_and_a_downgrade_stops_it_with_the_state_kept()
    {
        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", new() { ["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        using (var client = new LineClient(port)) Assert.Equal("OK", client.Call("PUT kept across 0.2.0"));
        var dir = Path.Combine(node.Root, "releases", "0.2.0");
        Directory.CreateDirectory(dir);
        File.Copy(fixture.UpgradeTarball, Path.Combine(dir, Path.GetFileName(fixture.UpgradeTarball)));

        var upgrade = node.Run("upgrade", "0.2.0");

        Assert.True(upgrade.ExitCode == 0, upgrade + node.Log);
        // The relup runs while the node still calls itself 0.1.0, as OTP's release_handler does until the install ends.
        Assert.True(node.LogWith("kvaudit started on 0.1.0").Contains("kvaudit started on 0.1.0"), upgrade + "\n" + fixture.Relup + "\n" + node.Log);
        Assert.True(Directory.Exists(Path.Combine(node.Root, "lib", "KvAudit-1.0.0")));
        Assert.Contains("kv 0.2.0 permanent current,running", node.Versions());
        Assert.Contains("KvAudit 1.0.0", node.Run("describe").Stdout);
        using (var client = new LineClient(port)) Assert.Equal("across 0.2.0", client.Call("GET kept"));

        var downgrade = node.Run("downgrade", "0.1.0");

        Assert.True(downgrade.ExitCode == 0, downgrade + node.Log);
        Assert.Contains("kvaudit stopped", node.LogWith("kvaudit stopped"));
        Assert.Contains("kv 0.1.0 permanent current,running", node.Versions());
        Assert.DoesNotContain("KvAudit", node.Run("describe").Stdout);
        using (var client = new LineClient(port)) Assert.Equal("across 0.2.0", client.Call("GET kept"));
    }
}
