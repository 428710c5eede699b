using System.Collections.Immutable;
using RelTool.Core.Layout;
using RelTool.Core.Layout.Manifests;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;
using RelTool.Tests.Erlang;
using RelTool.Tests.Golden;

namespace RelTool.Tests.Layout;

public class ManifestTests
{
    private static readonly PackagedApplication Boot = new("RelTool.Boot", "0.1.0", ApplicationKind.Launcher, false, [],
        [new("RelTool.Boot.dll", FileRole.Assembly, "RelTool.Boot"), new("RelTool.Formats.dll", FileRole.Assembly, "RelTool.Formats")]);

    private static readonly PackagedApplication Json = new("Newtonsoft.Json", "13.0.3", ApplicationKind.Package, false, [],
        [new("Newtonsoft.Json.dll", FileRole.Assembly, "Newtonsoft.Json")]);

    private static readonly PackagedApplication Lib = new("KV.Core", "1.2.0", ApplicationKind.Project, false, ["Newtonsoft.Json"],
        [new("KV.Core.dll", FileRole.Assembly, "KV.Core"), new("KV.Core.pdb", FileRole.Other), new("de/KV.Core.resources.dll", FileRole.Resource, "KV.Core.resources", "de")]);

    private static readonly PackagedApplication Entry = new("kv", "0.1.0", ApplicationKind.Project, true, ["KV.Core"],
        [new("kv.dll", FileRole.Assembly, "kv"), new("appsettings.json", FileRole.Other), new("runtimes/linux-x64/native/libz.so", FileRole.Native)]);

    private static readonly ImmutableArray<PackagedApplication> All = [Boot, Json, Lib, Entry];

    [Fact]
    public void App_file_of_the_entry_application()
    {
        GoldenFile.Verify(AppManifest.Format(Entry));
    }

    [Fact]
    public void App_file_of_a_library_quotes_dotted_names()
    {
        GoldenFile.Verify(AppManifest.Format(Lib));
    }

    [Fact]
    public void Rel_file()
    {
        GoldenFile.Verify(RelManifest.Format("kv", "0.1.0", "10.0.12", All));
    }

    [Fact]
    public void Releases_file_lists_the_new_release_first_as_permanent_and_the_previous_one_as_old()
    {
        ReleaseEntry Release(string vsn, ReleaseStatus status) => ReleasesManifest.Entry("kv", vsn, "10.0.12", All) with { Status = status };
        var merged = ReleasesManifest.WithPermanent(new ReleasesFile([Release("0.1.0", ReleaseStatus.Permanent), Release("0.0.9", ReleaseStatus.Old)]), Release("0.2.0", ReleaseStatus.Unpacked));
        Assert.Equal(["0.2.0", "0.1.0", "0.0.9"], merged.Releases.Select(r => r.Version));
        Assert.Equal([ReleaseStatus.Permanent, ReleaseStatus.Old, ReleaseStatus.Old], merged.Releases.Select(r => r.Status));
        GoldenFile.Verify(merged.Format());
    }

    [Fact]
    public void Releases_file_reads_back_what_it_wrote()
    {
        var release = ReleasesManifest.Entry("kv", "0.1.0", "10.0.12", [Lib]);
        var path = Path.Combine(Path.GetTempPath(), $"RELEASES-{Guid.NewGuid():N}");
        try
        {
            new ReleasesFile([release]).Write(path);
            var read = Assert.Single(ReleasesFile.Read(path).Releases);
            Assert.Equal(release, read);
            Assert.Equal([new ReleaseApplication(Lib.Name, Lib.Version, Lib.LibDirectory)], read.Applications.ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Boot_file_maps_assemblies_satellites_and_native_dirs_in_load_order()
    {
        var runtime = new RuntimeSelection("/dotnet", [new ResolvedFramework("Microsoft.NETCore.App", "10.0.12")], "10.0.12");
        var boot = BootFileBuilder.Build("kv", "0.1.0", runtime, LoadOrder.DependenciesFirst([Entry, Lib, Json]), "kv");
        GoldenFile.Verify(boot.Format());
    }

    [Fact]
    public void Erlang_reads_every_manifest()
    {
        var dir = Directory.CreateTempSubdirectory("reltool-manifests-").FullName;
        try
        {
            var files = new Dictionary<string, string>
            {
                ["kv.app"] = AppManifest.Format(Entry),
                ["core.app"] = AppManifest.Format(Lib),
                ["kv.rel"] = RelManifest.Format("kv", "0.1.0", "10.0.12", All),
                ["RELEASES"] = new ReleasesFile([ReleasesManifest.Entry("kv", "0.1.0", "10.0.12", [Lib])]).Format(),
            };
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text);
            foreach (var (name, text) in files)
            {
                var printed = ErlRunner.Eval($"{{ok, Terms}} = file:consult({ErlRunner.Literal(Path.Combine(dir, name))}), io:format(\"~w\", [length(Terms)])");
                Assert.Equal("1", printed.Trim());
                // What erl read is what we meant: our reader agrees with it on the same text.
                Assert.Single(TermReader.Parse(text, name));
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
