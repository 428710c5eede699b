using RelTool.Formats;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Layout;

/// <summary>The release-root contract (docs/release-layout.md) and its readers and writers, on real files.</summary>
public sealed class ReleaseLayoutTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("reltool-layout-");
    private ReleaseRoot Root => new(dir.FullName);

    public void Dispose() => dir.Delete(recursive: true);

    private static readonly ReleasesFile TwoReleases = new(
    [
        new ReleaseEntry("kv", "0.2.0", "10.0.1", [new ReleaseApplication("Kv", "0.2.0", "lib/Kv-0.2.0")], ReleaseStatus.Unpacked),
        new ReleaseEntry("kv", "0.1.0", "10.0.1", [new ReleaseApplication("Kv", "0.1.0", "lib/Kv-0.1.0")], ReleaseStatus.Permanent),
    ]);

    [Fact]
    public void Relative_paths_are_the_documented_ones()
    {
        Assert.Equal("releases/RELEASES", ReleaseLayout.ReleasesFilePath);
        Assert.Equal("releases/start_erl.data", ReleaseLayout.StartErlDataPath);
        Assert.Equal("releases/0.1.0/start.boot", ReleaseLayout.ReleaseFilePath("0.1.0", ReleaseLayout.BootFileName));
        Assert.Equal("releases/0.1.0/relup", ReleaseLayout.ReleaseFilePath("0.1.0", ReleaseLayout.RelupFileName));
        Assert.Equal("releases/0.1.0/host.args", ReleaseLayout.ReleaseFilePath("0.1.0", ReleaseLayout.HostArgsFileName));
        Assert.Equal("releases/0.1.0/health_url", ReleaseLayout.ReleaseFilePath("0.1.0", ReleaseLayout.HealthUrlFileName));
        Assert.Equal("releases/0.1.0/kv.rel", ReleaseLayout.ReleaseFilePath("0.1.0", ReleaseLayout.RelFileName("kv")));
        Assert.Equal("lib/RelTool.Runtime-0.1.0", ReleaseLayout.LibDirPath(ReleaseLayout.RuntimeApplication, "0.1.0"));
        Assert.Equal("lib/RelTool.Boot-0.1.0/RelTool.Boot.dll", $"{ReleaseLayout.LibDirPath(ReleaseLayout.LauncherApplication, "0.1.0")}/{ReleaseLayout.LauncherAssemblyFileName}");
        Assert.Equal(["bin", "lib", "runtime", "releases"], ReleaseLayout.BuiltTopLevel.ToArray());
    }

    [Fact]
    public void A_root_places_each_relative_path_under_itself()
    {
        var root = Root;
        Assert.Equal(Path.Combine(dir.FullName, "releases", "start_erl.data"), root.StartErlDataPath);
        Assert.Equal(root.Resolve(ReleaseLayout.StartErlDataPath), root.StartErlDataPath);
        Assert.Equal(root.Resolve(ReleaseLayout.ReleasesFilePath), root.ReleasesFilePath);
        Assert.Equal(root.Resolve(ReleaseLayout.ReleaseFilePath("1.0", ReleaseLayout.BootFileName)), root.BootFilePath("1.0"));
        Assert.Equal(root.Resolve(ReleaseLayout.ReleaseFilePath("1.0", ReleaseLayout.RelupFileName)), root.RelupPath("1.0"));
        Assert.Equal(root.Resolve(ReleaseLayout.ReleaseFilePath("1.0", ReleaseLayout.HostArgsFileName)), root.HostArgsPath("1.0"));
        Assert.Equal(root.Resolve(ReleaseLayout.ReleaseFilePath("1.0", ReleaseLayout.HealthUrlFileName)), root.HealthUrlPath("1.0"));
        Assert.Equal(root.Resolve(ReleaseLayout.LibDirPath("Kv", "1.0")), root.LibDirOf("Kv", "1.0"));
        Assert.Equal(root.Resolve(ReleaseLayout.BinScriptPath("kv")), root.BinScript("kv"));
        Assert.Equal(root.Dir, new ReleaseRoot(dir.FullName + "/").Dir);
    }

    [Fact]
    public void Start_erl_data_round_trips_through_a_root()
    {
        new StartErlData("10.0.1", "0.2.0").Write(Root.StartErlDataPath);
        Assert.Equal("10.0.1 0.2.0", File.ReadAllText(Root.StartErlDataPath));
        Assert.Equal(new StartErlData("10.0.1", "0.2.0"), StartErlData.Read(Root.StartErlDataPath));
    }

    [Fact]
    public void A_missing_or_bad_start_erl_data_names_the_file()
    {
        var missing = Assert.Throws<ManifestException>(() => StartErlData.Read(Root.StartErlDataPath));
        Assert.Equal(Root.StartErlDataPath, missing.File);
        Assert.Contains("missing", missing.Message);

        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Root.ReleasesDir).FullName, ReleaseLayout.StartErlDataFileName), "10.0.1\n");
        var bad = Assert.Throws<ManifestException>(() => StartErlData.Read(Root.StartErlDataPath));
        Assert.StartsWith(Root.StartErlDataPath + ": expected", bad.Message);
    }

    [Fact]
    public void Releases_file_round_trips_through_a_root()
    {
        TwoReleases.Write(Root.ReleasesFilePath);
        Assert.StartsWith("%% coding: utf-8\n", File.ReadAllText(Root.ReleasesFilePath));
        Assert.Equal(TwoReleases, ReleasesFile.Read(Root.ReleasesFilePath));
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("[{release,\"kv\"}].\n", "a release must be")]
    [InlineData("not a term", "reserved word")]
    public void A_missing_or_bad_releases_file_names_the_file(string? text, string problem)
    {
        if (text is not null) File.WriteAllText(Path.Combine(Directory.CreateDirectory(Root.ReleasesDir).FullName, ReleaseLayout.ReleasesFileName), text);
        var e = Assert.ThrowsAny<FileProblemException>(() => ReleasesFile.Read(Root.ReleasesFilePath));
        Assert.Equal(Root.ReleasesFilePath, e.File);
        Assert.StartsWith(Root.ReleasesFilePath + ":", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Health_url_is_one_line_and_reads_back()
    {
        var path = Root.HealthUrlPath("1.0");
        Assert.Null(HealthUrl.Read(path));
        HealthUrl.Write(path, "http://127.0.0.1:${PORT}/health");
        Assert.Equal("http://127.0.0.1:${PORT}/health\n", File.ReadAllText(path));
        Assert.Equal("http://127.0.0.1:${PORT}/health", HealthUrl.Read(path));
        Assert.Equal("tcp://localhost:4000", HealthUrl.Parse("  tcp://localhost:4000 \r\nignored\n"));
        Assert.Null(HealthUrl.Parse("\nhttp://second-line\n"));
        Assert.Throws<ArgumentException>(() => HealthUrl.Format("http://a\nhttp://b"));
        Assert.Throws<ArgumentException>(() => HealthUrl.Format(" "));
    }

    [Fact]
    public void Host_args_name_the_release_runtimeconfig_and_the_launcher()
    {
        var path = Root.HostArgsPath("1.0");
        HostArgs.Write(path, "1.0", "lib/RelTool.Boot-0.1.0");
        Assert.Equal(
            ["exec", "--runtimeconfig", "releases/1.0/start.runtimeconfig.json", "--depsfile", "lib/RelTool.Boot-0.1.0/RelTool.Boot.deps.json", "lib/RelTool.Boot-0.1.0/RelTool.Boot.dll", ""],
            File.ReadAllText(path).Split('\n'));
        Assert.Equal(
            "lib/RelTool.Boot-0.1.0/RelTool.Boot\n--runtimeconfig\nreleases/1.0/start.runtimeconfig.json\n--depsfile\nlib/RelTool.Boot-0.1.0/RelTool.Boot.deps.json\n",
            HostArgs.Format("1.0", "lib/RelTool.Boot-0.1.0", "lib/RelTool.Boot-0.1.0/RelTool.Boot"));
    }

    [Fact]
    public void Client_args_name_the_launchers_native_client_in_its_lib_dir() =>
        Assert.Equal("lib/RelTool.Boot-0.1.0/reltool-client\n", HostArgs.FormatClient("lib/RelTool.Boot-0.1.0"));

    [Fact]
    public void A_pending_change_is_applied_and_then_forgotten()
    {
        var change = new PendingReleaseState(TwoReleases, new StartErlData("10.0.1", "0.2.0"));
        change.Apply(Root.ReleasesDir);
        Assert.Equal(TwoReleases, ReleasesFile.Read(Root.ReleasesFilePath));
        Assert.Equal(new StartErlData("10.0.1", "0.2.0"), StartErlData.Read(Root.StartErlDataPath));
        Assert.False(File.Exists(PendingReleaseState.PathIn(Root.ReleasesDir)));
        Assert.Null(PendingReleaseState.Complete(Root.ReleasesDir));
    }

    [Fact]
    public void A_change_left_recorded_by_a_killed_process_is_completed()
    {
        new StartErlData("10.0.1", "0.1.0").Write(Root.StartErlDataPath);
        var record = Root.Resolve($"{ReleaseLayout.ReleasesDir}/{ReleaseLayout.PendingFileName}");
        Assert.Equal(record, PendingReleaseState.PathIn(Root.ReleasesDir));
        File.WriteAllText(record, TwoReleases.Format() + "\n%% start_erl.data: 10.0.1 0.2.0\n");

        Assert.Equal("completed an interrupted change of RELEASES and start_erl.data (10.0.1 0.2.0)", PendingReleaseState.Complete(Root.ReleasesDir));
        Assert.Equal("10.0.1 0.2.0", File.ReadAllText(Root.StartErlDataPath));
        Assert.Equal(TwoReleases, ReleasesFile.Read(Root.ReleasesFilePath));
        Assert.False(File.Exists(record));
    }

    [Fact]
    public void A_damaged_pending_record_names_itself_and_changes_nothing()
    {
        new StartErlData("10.0.1", "0.1.0").Write(Root.StartErlDataPath);
        var record = PendingReleaseState.PathIn(Root.ReleasesDir);
        File.WriteAllText(record, TwoReleases.Format() + "\n%% start_erl.data: 0.2.0\n");
        var e = Assert.ThrowsAny<FileProblemException>(() => PendingReleaseState.Complete(Root.ReleasesDir));
        Assert.Equal(record, e.File);
        Assert.Equal("10.0.1 0.1.0", File.ReadAllText(Root.StartErlDataPath));
        Assert.False(File.Exists(Root.ReleasesFilePath));
    }

    [Fact]
    public void Lib_dirs_of_a_created_releases_file_follow_the_layout()
    {
        var rel = new RelFile("kv", "0.1.0", "10.0.1", [new RelApplication("Kv", "0.1.0")]);
        Assert.Equal(["lib/Kv-0.1.0"], ReleasesFile.Create("", rel).Releases.Single().Applications.Select(a => a.LibDir).ToArray());
    }
}
