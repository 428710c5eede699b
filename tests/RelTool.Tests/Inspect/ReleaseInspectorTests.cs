using RelTool.Formats.Layout;
using RelTool.Core.Inspect;
using RelTool.Core.Releases;
using RelTool.Tests.Archive;

namespace RelTool.Tests.Inspect;

/// <summary>`reltool inspect` on release directories written into a temp folder, sound and broken one way at a time.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseInspectorTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private string Root => temp.Combine("kv");

    public ReleaseInspectorTests() => SampleRelease.Write(Root);

    public void Dispose() => temp.Dispose();

    private Inspection Inspect(string? version = null) => ReleaseInspection.Run(Root, version);

    private static string[] Problems(Inspection inspection) => inspection.Problems.Select(p => p.ToString()).ToArray();

    [Fact]
    public void A_sound_release_has_no_problems_and_reports_what_it_holds()
    {
        var inspection = Inspect();

        Assert.Empty(Problems(inspection));
        Assert.Equal(InputKind.Directory, inspection.Kind);
        var release = inspection.Release!;
        Assert.Equal(("kv", "0.1.0", VersionSource.StartErlData, "10.0.0", "releases/0.1.0/kv.rel"),
            (release.Name, release.Version, release.ChosenBy, release.RuntimeVersion, release.RelFile));
        Assert.True(inspection.Runtime.Bundled);
        Assert.Equal([("Microsoft.NETCore.App", "10.0.0")], inspection.Runtime.Frameworks.SelectMany(f => f.Versions.Select(v => (f.Name, v))));
        Assert.Equal(["10.0.0"], inspection.Runtime.HostFxrVersions.ToArray());
        Assert.Equal(new StartErlFacts("10.0.0", "0.1.0"), inspection.StartErl);
        Assert.Equal([new InstalledRelease("kv", "0.1.0", "10.0.0", "permanent")], inspection.Installed!.Value.ToArray());
        var kv = release.Applications.Single(a => a.Name == "Kv");
        // Kv.dll, de/Kv.resources.dll, appsettings.json and Kv.app.
        Assert.Equal(new InspectedApplication("Kv", "0.1.0", "lib/Kv-0.1.0", true, 4, DirectoryBytes("lib/Kv-0.1.0"), 1, false), kv);
        Assert.Equal(2, release.Applications.Single(a => a.Name == "RelTool.Boot").Modules);
        Assert.Equal(["RelTool.Boot", "KV.Core", "Kv"], release.Applications.Select(a => a.Name));
        Assert.Null(release.Relup);
    }

    [Fact]
    public void An_upgraded_install_shows_every_release_of_RELEASES_the_appup_and_where_the_relup_comes_from_and_goes_to()
    {
        SampleRelease.AddUpgrade(Root);

        var inspection = Inspect();

        Assert.Empty(Problems(inspection));
        Assert.Equal("0.2.0", inspection.Release!.Version);
        Assert.Equal([("0.2.0", "permanent"), ("0.1.0", "old")], inspection.Installed!.Value.Select(r => (r.Version, r.Status)));
        Assert.True(inspection.Release.Applications.Single(a => a.Name == "Kv").HasAppup);
        Assert.False(inspection.Release.Applications.Single(a => a.Name == "KV.Core").HasAppup);
        Assert.Equal(("releases/0.2.0/relup", true), (inspection.Release.Relup!.File, inspection.Release.Relup.Readable));
        Assert.Equal(["0.1.0"], inspection.Release.Relup.UpFrom.ToArray());
        Assert.Equal(["0.1.0"], inspection.Release.Relup.DownTo.ToArray());

        var old = Inspect("0.1.0");
        Assert.Empty(Problems(old));
        Assert.Equal(("0.1.0", VersionSource.Option), (old.Release!.Version, old.Release.ChosenBy));
        Assert.Equal("0.1.0", old.Release.Applications.Single(a => a.Name == "Kv").Version);
    }

    [Fact]
    public void A_deleted_lib_dir_is_one_problem_naming_it_and_the_rel_that_lists_it()
    {
        Directory.Delete(temp.Combine("kv", "lib", "KV.Core-1.2.0"), recursive: true);

        var inspection = Inspect();

        // start.boot names lib/KV.Core-1.2.0/KV.Core.dll too: the missing lib dir is reported once, not again for each path in it.
        Assert.Equal(["lib/KV.Core-1.2.0/: missing; releases/0.1.0/kv.rel lists KV.Core 1.2.0"], Problems(inspection));
        var core = inspection.Release!.Applications.Single(a => a.Name == "KV.Core");
        Assert.Equal((false, 0, 0L, (int?)null), (core.Present, core.Files, core.Bytes, core.Modules));
    }

    [Fact]
    public void An_app_file_that_is_missing_or_disagrees_with_the_rel_is_named()
    {
        File.Delete(temp.Combine("kv", "lib", "KV.Core-1.2.0", "KV.Core.app"));
        SampleRelease.Put(Root, "lib/Kv-0.1.0/Kv.app", "{application,'Kv',[{vsn,\"0.1.1\"},{modules,['Kv']}]}.\n");

        Assert.Equal(
        [
            "lib/KV.Core-1.2.0/KV.Core.app: missing; releases/0.1.0/kv.rel lists KV.Core 1.2.0",
            "lib/Kv-0.1.0/Kv.app: vsn \"0.1.1\" differs from the .rel: releases/0.1.0/kv.rel lists Kv 0.1.0",
        ], Problems(Inspect()));
    }

    [Fact]
    public void An_app_file_that_does_not_parse_is_named_with_its_line_and_column()
    {
        SampleRelease.Put(Root, "lib/Kv-0.1.0/Kv.app", "{application,'Kv',\n  [{vsn,\"0.1.0\"}\n");

        var problem = Assert.Single(Inspect().Problems);

        Assert.Equal("lib/Kv-0.1.0/Kv.app", problem.File);
        Assert.StartsWith("line 3, column 1: ", problem.Message);
    }

    [Fact]
    public void A_start_boot_path_that_does_not_exist_is_named_with_the_assembly()
    {
        File.Delete(temp.Combine("kv", "lib", "Kv-0.1.0", "de", "Kv.resources.dll"));

        Assert.Equal(["releases/0.1.0/start.boot: assembly Kv.resources (de): lib/Kv-0.1.0/de/Kv.resources.dll does not exist"], Problems(Inspect()));
    }

    [Fact]
    public void A_host_args_path_that_does_not_exist_is_named()
    {
        File.Delete(temp.Combine("kv", "lib", "RelTool.Boot-0.1.0", "RelTool.Boot.dll"));

        Assert.Equal(["releases/0.1.0/host.args: names lib/RelTool.Boot-0.1.0/RelTool.Boot.dll, which does not exist"], Problems(Inspect()));
    }

    [Fact]
    public void A_node_args_path_that_does_not_exist_is_named_and_a_release_without_node_args_is_fine()
    {
        Assert.Empty(Problems(Inspect()));
        File.WriteAllText(temp.Combine("kv", "releases", "0.1.0", ReleaseLayout.NodeArgsFileName), HostArgs.FormatNode("0.1.0", "lib/Kv-0.1.0/Kv.dll"));

        Assert.Equal(["releases/0.1.0/node.args: names releases/0.1.0/start.deps.json, which does not exist"], Problems(Inspect()));
    }

    [Fact]
    public void A_client_args_naming_a_missing_native_client_is_named_and_a_release_without_client_args_is_fine()
    {
        Assert.Empty(Problems(Inspect()));
        File.WriteAllText(temp.Combine("kv", "releases", "0.1.0", ReleaseLayout.ClientArgsFileName), HostArgs.FormatClient("lib/RelTool.Boot-0.1.0"));

        Assert.Equal(["releases/0.1.0/client.args: names lib/RelTool.Boot-0.1.0/reltool-client, which does not exist"], Problems(Inspect()));
    }

    [Fact]
    public void Start_erl_data_naming_a_version_without_its_release_dir_is_a_problem_and_the_permanent_release_is_inspected()
    {
        SampleRelease.Put(Root, "releases/start_erl.data", "10.0.0 0.3.0");

        var inspection = Inspect();

        Assert.Equal(
        [
            "releases/start_erl.data: names release 0.3.0, but releases/0.3.0/ does not exist",
            "releases/start_erl.data: names release 0.3.0, but releases/RELEASES marks 0.1.0 permanent (make_permanent writes both)",
        ], Problems(inspection));
        Assert.Equal(("0.1.0", VersionSource.Permanent), (inspection.Release!.Version, inspection.Release.ChosenBy));
    }

    [Fact]
    public void A_missing_start_erl_data_is_a_problem_because_bin_name_cannot_boot_without_it()
    {
        File.Delete(temp.Combine("kv", "releases", "start_erl.data"));

        var inspection = Inspect();

        Assert.Equal(["releases/start_erl.data: missing; bin/<name> reads it to know which release to boot"], Problems(inspection));
        Assert.Equal(VersionSource.Permanent, inspection.Release!.ChosenBy);
    }

    [Fact]
    public void An_unreadable_RELEASES_is_a_problem_and_the_rest_is_still_inspected()
    {
        SampleRelease.Put(Root, "releases/RELEASES", "[{release,\"kv\",\"0.1.0\"\n");

        var inspection = Inspect();

        var problem = Assert.Single(inspection.Problems);
        Assert.Equal("releases/RELEASES", problem.File);
        Assert.StartsWith("line 2, column 1: ", problem.Message);
        Assert.Null(inspection.Installed);
        Assert.Equal(3, inspection.Release!.Applications.Length);
    }

    [Fact]
    public void A_bundled_runtime_without_the_version_the_rel_names_is_a_problem()
    {
        Directory.Move(temp.Combine("kv", "runtime", "shared", "Microsoft.NETCore.App", "10.0.0"), temp.Combine("kv", "runtime", "shared", "Microsoft.NETCore.App", "10.0.1"));

        Assert.Equal(["runtime/shared/Microsoft.NETCore.App/10.0.0/: missing; releases/0.1.0/kv.rel names runtime 10.0.0 (bundled: 10.0.1)"], Problems(Inspect()));
    }

    [Fact]
    public void A_release_without_runtime_dir_uses_the_hosts_dotnet_and_that_is_not_a_problem()
    {
        Directory.Delete(temp.Combine("kv", "runtime"), recursive: true);

        var inspection = Inspect();

        Assert.Empty(Problems(inspection));
        Assert.False(inspection.Runtime.Bundled);
    }

    [Fact]
    public void A_relup_for_another_release_or_one_that_does_not_parse_is_named()
    {
        SampleRelease.AddUpgrade(Root);
        SampleRelease.Put(Root, "releases/0.2.0/relup", "{\"0.3.0\",[],[]}.\n");
        Assert.Equal(["releases/0.2.0/relup: is for release 0.3.0, but lies in releases/0.2.0/"], Problems(Inspect()));

        SampleRelease.Put(Root, "releases/0.2.0/relup", "{\"0.2.0\",[{\"0.1.0\",[],[{no_such_instruction}]}],[]}.\n");
        var inspection = Inspect();
        var problem = Assert.Single(inspection.Problems);
        Assert.Equal("releases/0.2.0/relup", problem.File);
        Assert.False(inspection.Release!.Relup!.Readable);
    }

    [Fact]
    public void RELEASES_listing_a_release_whose_dir_is_gone_is_a_problem()
    {
        SampleRelease.AddUpgrade(Root);
        Directory.Delete(temp.Combine("kv", "releases", "0.1.0"), recursive: true);

        Assert.Equal(["releases/RELEASES: lists kv 0.1.0 (old), but releases/0.1.0/ does not exist"], Problems(Inspect()));
    }

    [Fact]
    public void A_lib_dir_that_is_a_link_to_a_shared_copy_is_followed_and_a_link_back_into_the_tree_does_not_loop()
    {
        var shared = temp.Combine("shared", "KV.Core-1.2.0");
        Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
        Directory.Move(temp.Combine("kv", "lib", "KV.Core-1.2.0"), shared);
        Directory.CreateSymbolicLink(temp.Combine("kv", "lib", "KV.Core-1.2.0"), shared);
        Directory.CreateSymbolicLink(temp.Combine("kv", "lib", "Kv-0.1.0", "root"), Root);

        var inspection = Inspect();

        Assert.Empty(Problems(inspection));
        var core = inspection.Release!.Applications.Single(a => a.Name == "KV.Core");
        Assert.Equal((true, 2, 1), (core.Present, core.Files, core.Modules));
    }

    [Fact]
    public void An_unknown_version_or_a_folder_that_is_no_release_cannot_be_inspected_at_all()
    {
        var unknown = Assert.Throws<ReleaseReadException>(() => Inspect("9.9.9"));
        Assert.Equal($"{Root}: no release 9.9.9 (releases/9.9.9/ does not exist; found: 0.1.0)", unknown.Message);

        var notRelease = Assert.Throws<ReleaseReadException>(() => ReleaseInspection.Run(temp.Path, null));
        Assert.Contains("not a release directory (no releases/)", notRelease.Message);

        var missing = Assert.Throws<ReleaseReadException>(() => ReleaseInspection.Run(temp.Combine("nope"), null));
        Assert.StartsWith($"{temp.Combine("nope")}: no such file or directory", missing.Message);
    }

    private long DirectoryBytes(string relative) =>
        Directory.EnumerateFiles(Path.Combine(Root, relative), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}
