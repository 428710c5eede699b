using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>`reltool release --upgrade` run for real: one shared 0.1.0 → 0.2.0 upgrade, plus a build per other case.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UpgradeReleaseTests(UpgradeFixture fixture) : IClassFixture<UpgradeFixture>
{
    private string Upgraded => fixture.UpgradedOutput;

    private string Appup(string root, string dir, string app) => File.ReadAllText(Path.Combine(root, "lib", dir, app + ".appup"));

    [Fact]
    public void Changed_applications_get_appups_with_the_right_instruction_and_unchanged_ones_none()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        Assert.Equal("""
            {"1.3.0",
             [{"1.2.0",[{load_module,'KV.Core'}]}],
             [{"1.2.0",[{load_module,'KV.Core'}]}]}.

            """, Appup(Upgraded, "KV.Core-1.3.0", "KV.Core"));
        Assert.Equal("""
            {"1.1.0",
             [{"1.0.0",[{update,'KV.Server',{advanced,[]},['KV.Core']}]}],
             [{"1.0.0",[{update,'KV.Server',{advanced,[]},['KV.Core']}]}]}.

            """, Appup(Upgraded, "KV.Server-1.1.0", "KV.Server"));
        // Kv's code did not change: its version moved, so systools needs an appup, with nothing to do.
        Assert.Equal("{\"0.2.0\",[{\"0.1.0\",[]}],[{\"0.1.0\",[]}]}.\n", Appup(Upgraded, "Kv-0.2.0", "Kv"));
        var appups = Directory.GetFiles(Path.Combine(Upgraded, "lib"), "*.appup", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Upgraded, p)).Order(StringComparer.Ordinal);
        Assert.Equal(["lib/KV.Core-1.3.0/KV.Core.appup", "lib/KV.Server-1.1.0/KV.Server.appup", "lib/Kv-0.2.0/Kv.appup"], appups);

        var upgrade = fixture.UpgradeJson.GetProperty("upgrade");
        Assert.Equal("0.1.0", upgrade.GetProperty("from").GetString());
        Assert.Equal(["KV.Core", "KV.Server", "Kv"], upgrade.GetProperty("appups").EnumerateArray().Select(a => a.GetProperty("application").GetString()));
        Assert.All(upgrade.GetProperty("appups").EnumerateArray(), a => Assert.Equal("generated", a.GetProperty("source").GetString()));
        // Unchanged applications keep one lib dir for both releases.
        Assert.Equal(["lib/Newtonsoft.Json-13.0.3", "lib/RelTool.Boot-0.1.0", "lib/RelTool.Runtime-0.1.0"],
            upgrade.GetProperty("sharedLibDirs").EnumerateArray().Select(d => d.GetString()).Order(StringComparer.Ordinal));
        var releases = ReleasesFile.Read(Path.Combine(Upgraded, "releases", "RELEASES"));
        Assert.Equal([("0.2.0", ReleaseStatus.Permanent), ("0.1.0", ReleaseStatus.Old)], releases.Releases.Select(r => (r.Version, r.Status)));
    }

    [Fact]
    public void The_relup_is_byte_for_byte_what_systools_make_relup_writes_and_erlang_reads_it()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        var relup = Path.Combine(Upgraded, "releases", "0.2.0", "relup");
        Assert.Equal(relup, fixture.UpgradeJson.GetProperty("upgrade").GetProperty("relup").GetString());
        var written = File.ReadAllText(relup);
        Assert.Equal(SystoolsRelup.Make(Upgraded, "kv", "0.2.0", "0.1.0"), written);
        Assert.Contains("{code_change,up,[{'KV.Server',[]}]}", Normalize(SystoolsRelup.Consult(relup)));
        Assert.Contains("{code_change,up,[{'KV.Server',[]}]}", written);
        Assert.Contains("{load,{'KV.Core',brutal_purge,brutal_purge}}", written);
        Assert.DoesNotContain("Newtonsoft", written);
        foreach (var appup in Directory.GetFiles(Path.Combine(Upgraded, "lib"), "*.appup", SearchOption.AllDirectories))
            SystoolsRelup.Consult(appup);
    }

    [Fact]
    public void The_upgrade_tarball_holds_only_the_new_lib_dirs_and_the_release_directory()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        var full = Path.Combine(Upgraded, "releases", "0.2.0", "kv.tar.gz");
        var upgrade = Path.Combine(Upgraded, "releases", "0.2.0", "kv-from-0.1.0.tar.gz");
        var json = fixture.UpgradeJson.GetProperty("upgrade").GetProperty("tarball");
        Assert.Equal(upgrade, json.GetProperty("path").GetString());
        Assert.Equal(new FileInfo(upgrade).Length, json.GetProperty("bytes").GetInt64());
        Assert.True(new FileInfo(upgrade).Length * 100 < new FileInfo(full).Length, $"{new FileInfo(upgrade).Length} vs {new FileInfo(full).Length}");

        var files = Entries(upgrade).Where(e => !e.EndsWith('/')).ToList();
        Assert.All(files, f => Assert.Matches(@"^(lib/(KV\.Core-1\.3\.0|KV\.Server-1\.1\.0|Kv-0\.2\.0)/|releases/0\.2\.0/)", f));
        Assert.Contains("releases/0.2.0/relup", files);
        Assert.Contains("releases/0.2.0/kv.rel", files);
        Assert.Contains("releases/0.2.0/start.boot", files);
        Assert.Contains("lib/KV.Server-1.1.0/KV.Server.appup", files);
        Assert.DoesNotContain(files, f => f.EndsWith(".tar.gz"));

        // The full tarball is the whole release, now with the relup and appups, without either tarball.
        var everything = Entries(full);
        Assert.Contains("releases/0.2.0/relup", everything);
        Assert.Contains("lib/KV.Core-1.3.0/KV.Core.appup", everything);
        Assert.Contains("lib/Newtonsoft.Json-13.0.3/Newtonsoft.Json.dll", everything);
        Assert.Contains("bin/kv", everything);
        Assert.DoesNotContain(everything, f => f.EndsWith(".tar.gz"));
    }

    [Fact]
    public void Reltool_diff_names_the_changed_type_and_method()
    {
        Assert.True(fixture.Upgrade.ExitCode == 0, fixture.Upgrade.ToString());
        var diff = ReltoolProcess.Run(fixture.Solution.Root, "diff", "--root", Upgraded, "0.1.0", "0.2.0");
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("~ KV.Core 1.2.0 -> 1.3.0", diff.Stdout);
        Assert.Contains("""
                ~ KV.Core.dll (module KV.Core)
                    ~ type KV.Core.Greeter
                        ~ Greet(string) [body]
            ~ KV.Server 1.0.0 -> 1.1.0
                ~ KV.Server.dll (module KV.Server)
                    ~ type KV.Server.CounterServer
                        ~ Init(object) [body]
            """, diff.Stdout);
        Assert.Contains("= Kv 0.1.0 -> 0.2.0 (version only, no code change)", diff.Stdout);
        Assert.DoesNotContain("Newtonsoft", diff.Stdout);
    }

    [Fact]
    public void A_version_only_rebuild_gives_appups_without_instructions_and_a_relup_systools_agrees_with()
    {
        var output = Path.Combine(fixture.Solution.Root, "out", "version-only");
        UpgradeFixture.CopyTree(Upgraded, output);
        fixture.Solution.Set(app: "0.3.0", core: "1.4.0", server: "1.1.0", greeting: "?", serverStart: 1);
        var outcome = fixture.Release(output, "--upgrade", "--json");
        fixture.SetUpgradedSource();
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("{\"1.4.0\",[{\"1.3.0\",[]}],[{\"1.3.0\",[]}]}.\n", Appup(output, "KV.Core-1.4.0", "KV.Core"));
        Assert.Equal("{\"0.3.0\",[{\"0.2.0\",[]}],[{\"0.2.0\",[]}]}.\n", Appup(output, "Kv-0.3.0", "Kv"));
        var relup = File.ReadAllText(Path.Combine(output, "releases", "0.3.0", "relup"));
        Assert.DoesNotContain("load", relup);
        Assert.Contains("point_of_no_return", relup);
        Assert.Equal(SystoolsRelup.Make(output, "kv", "0.3.0", "0.2.0"), relup);
        // KV.Server kept its version and code: the 0.3.0 release shares lib/KV.Server-1.1.0 with 0.2.0.
        Assert.Contains("lib/KV.Server-1.1.0", ReleasesFile.Read(Path.Combine(output, "releases", "RELEASES")).Releases[0].Applications.Select(a => a.LibDir));
        Assert.StartsWith("{\"1.1.0\",\n [{\"1.0.0\"", Appup(output, "KV.Server-1.1.0", "KV.Server"));
    }

    [Fact]
    public void Without_a_base_release_nothing_is_built_or_written()
    {
        var empty = Path.Combine(fixture.Solution.Root, "out", "none");
        var missing = fixture.Release(empty, "--upgrade");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no earlier release to upgrade from", missing.Stderr);
        Assert.DoesNotContain("restoring", missing.Stderr);
        Assert.False(Directory.Exists(empty));

        var before = OutputSnapshot.Of(fixture.BaseOutput);
        var unknown = fixture.Release(fixture.BaseOutput, "--upgrade", "--upfrom", "0.0.9");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--upfrom 0.0.9", unknown.Stderr);
        Assert.Contains("has no release 0.0.9 (it has: kv 0.1.0)", unknown.Stderr);

        var otherName = fixture.Release(fixture.BaseOutput, "--upgrade", "--name", "other");
        Assert.Equal(1, otherName.ExitCode);
        Assert.Contains("lists no release of other", otherName.Stderr);
        var otherNamed = fixture.Release(fixture.BaseOutput, "--upgrade", "--name", "other", "--upfrom", "0.1.0");
        Assert.Equal(1, otherNamed.ExitCode);
        Assert.Contains("is not a release of other", otherNamed.Stderr);
        Assert.Contains("holds kv.rel", otherNamed.Stderr);
        Assert.All(new[] { unknown, otherName, otherNamed }, o => Assert.DoesNotContain("restoring", o.Stderr));
        Assert.Equal(before, OutputSnapshot.Of(fixture.BaseOutput));
    }

    [Fact]
    public void Changed_code_under_the_same_version_is_refused_naming_the_application_and_the_fix()
    {
        var before = OutputSnapshot.Of(fixture.BaseOutput);
        fixture.Solution.Set(app: "0.2.0", core: "1.2.0", server: "1.0.0", greeting: "?", serverStart: 0);
        var outcome = fixture.Release(fixture.BaseOutput, "--upgrade");
        fixture.SetUpgradedSource();
        Assert.Equal(1, outcome.ExitCode);
        var error = Assert.Single(outcome.Stderr.Split('\n'), l => l.StartsWith("reltool: error:"));
        Assert.Contains("KV.Core 1.2.0 changed (KV.Core changed) but its version did not", error);
        Assert.Contains("bump KV.Core's Version", error);
        Assert.Contains("--allow-same-version", error);
        Assert.DoesNotContain("KV.Server", error);
        Assert.Equal(before, OutputSnapshot.Of(fixture.BaseOutput));
    }

    [Fact]
    public void Allow_same_version_keeps_the_old_lib_dir_and_warns()
    {
        var output = Path.Combine(fixture.Solution.Root, "out", "same-version");
        UpgradeFixture.CopyTree(fixture.BaseOutput, output);
        var oldCore = File.ReadAllBytes(Path.Combine(output, "lib", "KV.Core-1.2.0", "KV.Core.dll"));
        fixture.Solution.Set(app: "0.2.0", core: "1.2.0", server: "1.0.0", greeting: "?", serverStart: 0);
        var outcome = fixture.Release(output, "--upgrade", "--allow-same-version", "--json");
        fixture.SetUpgradedSource();
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(oldCore, File.ReadAllBytes(Path.Combine(output, "lib", "KV.Core-1.2.0", "KV.Core.dll")));
        var warnings = System.Text.Json.JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("upgrade").GetProperty("warnings");
        Assert.Contains(warnings.EnumerateArray(), w => w.GetString()!.Contains("keeps lib/KV.Core-1.2.0 of release 0.1.0"));
        Assert.False(File.Exists(Path.Combine(output, "lib", "KV.Core-1.2.0", "KV.Core.appup")));
    }

    [Fact]
    public void Hand_written_appups_that_do_not_parse_or_name_unknown_modules_are_refused()
    {
        var before = OutputSnapshot.Of(fixture.BaseOutput);
        var appup = "Kv/rel/appups/KV.Core/1.2.0-1.3.0.appup";
        try
        {
            fixture.Solution.Write(appup, "{\"1.3.0\", [{\"1.2.0\", [{load_module, 'KV.Core'}]}\n");
            var corrupt = fixture.Release(fixture.BaseOutput, "--upgrade");
            Assert.Equal(1, corrupt.ExitCode);
            Assert.Matches($@"hand-written appup {System.Text.RegularExpressions.Regex.Escape(Path.Combine(fixture.Solution.Root, appup))}:\d+:\d+: does not parse: ", corrupt.Stderr);

            fixture.Solution.Write(appup, "{\"1.3.0\",[{\"1.2.0\",[{load_module,'KV.Nope'}]}],[{\"1.2.0\",[]}]}.\n");
            var unknown = fixture.Release(fixture.BaseOutput, "--upgrade");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("names unknown module KV.Nope (the application has: KV.Core)", unknown.Stderr);
        }
        finally
        {
            fixture.Solution.Delete("Kv/rel");
        }
        Assert.Equal(before, OutputSnapshot.Of(fixture.BaseOutput));
    }

    private static List<string> Entries(string tarball) => TarballEntries.Of(tarball);

    private static string Normalize(string erlangText) => System.Text.RegularExpressions.Regex.Replace(erlangText, @"\s+", "");
}
