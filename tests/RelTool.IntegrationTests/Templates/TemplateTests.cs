using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RelTool.Formats.Archive;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Upgrade;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Templates;

/// <summary>
/// The packages and templates as a user outside the repository gets them (<see cref="PackedRelTool"/>): a project from
/// each template, released with the installed tool, started, changed, released again with --upgrade and upgraded —
/// live for reltool-service (RelTool.Runtime from the packed feed), by restart for reltool-web. The service's second
/// release is built as docs/ci.md's pipeline builds it: a fresh output with only the previous release's tarball and
/// the tarball segment cache restored.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TemplateTests(PackedRelTool packed, ITestOutputHelper output) : IClassFixture<PackedRelTool>
{
    [Fact]
    public void Service_template_tests_pass_and_a_ci_built_upgrade_is_installed_live()
    {
        var project = packed.New("reltool-service", "Demo");
        var src = Path.Combine(project, "src", "Demo");
        Assert.Contains($"<PackageReference Include=\"RelTool.Runtime\" Version=\"{packed.Version}\" />", File.ReadAllText(Path.Combine(src, "Demo.csproj")));
        Assert.True(File.Exists(Path.Combine(project, ".github", "workflows", "release.yml")));

        var test = Cli.Run("dotnet", project, PackedRelTool.NoEnvironment, "test", "Demo.slnx", "-nodeReuse:false");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+3", test.Stdout);

        // CI run 1 (docs/ci.md): the release, its tarball kept as the run's artifact, the segment cache saved.
        var output1 = Path.Combine(project, "_build", "rel", "demo");
        var first = Release(src);
        Assert.Equal("0.1.0", first.GetProperty("version").GetString());
        Assert.Equal(output1, first.GetProperty("output").GetString());
        var runtimeApp = first.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "RelTool.Runtime");
        Assert.Equal("package", runtimeApp.GetProperty("kind").GetString());
        Assert.Equal($"lib/RelTool.Runtime-{packed.Version}", runtimeApp.GetProperty("dir").GetString());
        var artifacts = Directory.CreateDirectory(Path.Combine(packed.WorkDir, "ci-artifacts")).FullName;
        var previousTarball = Path.Combine(artifacts, "demo.tar.gz");
        File.Copy(TarballPath(first), previousTarball);
        var cache = Path.Combine(project, "_build", "rel", ".reltool", "tarcache");
        Assert.True(Directory.Exists(cache), "the tarball segment cache is where docs/ci.md says");
        var savedCache = Path.Combine(artifacts, "tarcache");
        Directory.Move(cache, savedCache);

        // CI run 2 on a fresh checkout: no _build; the cache and the previous tarball restored; change + version bump.
        Directory.Delete(Path.Combine(project, "_build"), recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        Directory.Move(savedCache, cache);
        Directory.CreateDirectory(output1);
        ReleaseArchive.Extract(previousTarball, output1);
        Edit(Path.Combine(src, "Counter.cs"), "return \"PONG\";", "return \"PONG 0.2.0\";");
        Edit(Path.Combine(src, "Demo.csproj"), "<Version>0.1.0</Version>", "<Version>0.2.0</Version>");
        // The pipeline's signing key, a CI secret written to a file (docs/ci.md, "Signing").
        var key = Path.Combine(artifacts, "release.key");
        var keygen = packed.RunReltool(src, "keygen", "-o", key);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var second = Release(src, "--upgrade", "--sign-key", key);
        Assert.Equal("0.2.0", second.GetProperty("version").GetString());
        var upgrade = second.GetProperty("upgrade");
        Assert.Equal("0.1.0", upgrade.GetProperty("from").GetString());
        // What docs/ci.md keeps from releases/<vsn>/ besides the tarballs: the SBOM, SHA256SUMS and the signatures.
        Assert.Equal(Path.Combine(output1, "releases", "0.2.0", "demo.cdx.json"), second.GetProperty("sbom").GetString());
        Assert.Equal(Path.Combine(output1, "releases", "0.2.0", "SHA256SUMS"), second.GetProperty("checksums").GetString());
        var signatures = second.GetProperty("signatures").EnumerateArray().Select(e => Path.GetFileName(e.GetString()!)).Order(StringComparer.Ordinal);
        Assert.Equal(["SHA256SUMS.sig", "demo-from-0.1.0.tar.gz.sig", "demo.tar.gz.sig"], signatures);
        foreach (var file in second.GetProperty("signatures").EnumerateArray()) Assert.True(File.Exists(file.GetString()), file.GetString());
        var verified = packed.RunReltool(src, "inspect", upgrade.GetProperty("tarball").GetProperty("path").GetString()!, "--key", key + ".pub");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.True(File.Exists(upgrade.GetProperty("relup").GetString()));
        Assert.Contains($"lib/RelTool.Runtime-{packed.Version}", upgrade.GetProperty("sharedLibDirs").EnumerateArray().Select(e => e.GetString()));
        var demo = upgrade.GetProperty("changedApplications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "Demo");
        Assert.Equal("changed", demo.GetProperty("status").GetString());
        var appup = upgrade.GetProperty("appups").EnumerateArray().Single(a => a.GetProperty("application").GetString() == "Demo");
        Assert.Contains("{update,'Demo'", File.ReadAllText(appup.GetProperty("path").GetString()!).Replace(" ", ""));
        // The artifacts a pipeline uploads: both tarballs, as --json describes them.
        var upgradeTarball = upgrade.GetProperty("tarball");
        AssertDescribes(second.GetProperty("tarball"), Path.Combine(output1, "releases", "0.2.0", "demo.tar.gz"));
        AssertDescribes(upgradeTarball, Path.Combine(output1, "releases", "0.2.0", "demo-from-0.1.0.tar.gz"));
        Assert.DoesNotContain(TarballEntries(upgradeTarball.GetProperty("path").GetString()!), e => e.StartsWith("runtime/", StringComparison.Ordinal));
        // docs/ci.md's exit codes: 1 when nothing was written (an unknown base), 2 for a bad command line.
        Assert.Equal(1, packed.RunReltool(src, "release", "--upgrade", "--upfrom", "9.9.9", "--json").ExitCode);
        Assert.Equal(2, packed.RunReltool(src, "release", "--output").ExitCode);

        // The host: 0.1.0 from the kept artifact, then the upgrade tarball, live.
        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(previousTarball, "demo", "0.1.0", new Dictionary<string, string> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start + node.Log);
        var pid = node.Run("pid").Stdout.Trim();
        using var client = Connect(port);
        Assert.Equal("PONG", client.Call("PING"));
        Assert.Equal(new[] { "1", "2", "3" }, new[] { client.Call("INC visits"), client.Call("INC visits"), client.Call("INC visits") });
        var staged = Directory.CreateDirectory(Path.Combine(node.Root, "releases", "0.2.0")).FullName;
        File.Copy(upgradeTarball.GetProperty("path").GetString()!, Path.Combine(staged, "demo-from-0.1.0.tar.gz"));
        var upgraded = node.Run("upgrade", "0.2.0");
        output.WriteLine($"bin/demo upgrade 0.2.0:\n{upgraded.Stdout}");
        Assert.True(upgraded.ExitCode == 0, upgraded + node.Log);
        Assert.Matches(@"(?m)^unloaded demo-0\.1\.0 in \d+ ms$", upgraded.Stdout);
        Assert.Equal(pid, node.Run("pid").Stdout.Trim());
        // The same connection, the new code, the counts kept.
        Assert.Equal("PONG 0.2.0", client.Call("PING"));
        Assert.Equal("4", client.Call("INC visits"));
        Assert.Contains("0.2.0 permanent", node.Versions());
    }

    [Fact]
    public async Task Web_template_releases_and_upgrades_by_restart()
    {
        var project = packed.New("reltool-web", "Site");
        var src = Path.Combine(project, "src", "Site");
        var first = Release(src);
        Edit(Path.Combine(src, "Program.cs"), "app.Run();", "app.MapGet(\"/hello\", () => \"hello from 0.2.0\");\napp.Run();");
        Edit(Path.Combine(src, "Site.csproj"), "<Version>0.1.0</Version>", "<Version>0.2.0</Version>");
        var second = Release(src, "--upgrade");
        Assert.Equal("0.1.0", second.GetProperty("upgrade").GetProperty("from").GetString());
        Assert.Equal("http://127.0.0.1:${PORT}/healthz",
            File.ReadAllText(Path.Combine(second.GetProperty("output").GetString()!, "releases", "0.2.0", "health_url")).Trim());

        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(TarballPath(first), "site", "0.1.0", new Dictionary<string, string> { ["PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start + node.Log);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        var url = $"http://127.0.0.1:{port}";
        Assert.Equal("0.1.0", await http.GetStringAsync($"{url}/version"));
        var pid = node.Run("pid").Stdout.Trim();
        var staged = Directory.CreateDirectory(Path.Combine(node.Root, "releases", "0.2.0")).FullName;
        File.Copy(second.GetProperty("upgrade").GetProperty("tarball").GetProperty("path").GetString()!, Path.Combine(staged, "site-from-0.1.0.tar.gz"));
        var upgraded = node.Run("upgrade", "0.2.0");
        output.WriteLine($"bin/site upgrade 0.2.0:\n{upgraded.Stdout}");
        Assert.True(upgraded.ExitCode == 0, upgraded + node.Log);
        Assert.Contains($"ready when {url}/healthz", upgraded.Stdout);
        Assert.Equal("0.2.0", await http.GetStringAsync($"{url}/version"));
        Assert.Equal("hello from 0.2.0", await http.GetStringAsync($"{url}/hello"));
        Assert.NotEqual(pid, node.Run("pid").Stdout.Trim());
        Assert.Contains("0.2.0 permanent", node.Versions());
    }

    private JsonElement Release(string directory, params string[] args)
    {
        var outcome = packed.RunReltool(directory, ["release", .. args, "--json"]);
        Assert.True(outcome.ExitCode == 0, $"reltool release {string.Join(' ', args)}: {outcome}");
        var json = JsonDocument.Parse(outcome.Stdout).RootElement.Clone();
        Assert.True(json.GetProperty("ok").GetBoolean());
        return json;
    }

    private static string TarballPath(JsonElement release) => release.GetProperty("tarball").GetProperty("path").GetString()!;

    private static void AssertDescribes(JsonElement tarball, string expectedPath)
    {
        Assert.Equal(expectedPath, tarball.GetProperty("path").GetString());
        var bytes = File.ReadAllBytes(expectedPath);
        Assert.Equal(bytes.LongLength, tarball.GetProperty("bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), tarball.GetProperty("sha256").GetString());
    }

    private static IEnumerable<string> TarballEntries(string tarball) => Upgrade.TarballEntries.Of(tarball).Select(e => e.TrimStart('.', '/'));

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>A connection to the service, retried while its listener comes up.</summary>
    private static LineClient Connect(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { return new LineClient(port); }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline) { Thread.Sleep(200); }
        }
    }
}
