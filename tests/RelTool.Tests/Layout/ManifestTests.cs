using System.Collections.Immutable;
using RelTool.Core.Layout;
using RelTool.Core.Layout.Manifests;
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
        InstalledRelease Release(string vsn, string status) =>
            new("kv", vsn, "10.0.12", All.Select(a => new InstalledApplication(a.Name, a.Version, a.LibDirectory)).ToImmutableArray(), status);
        var merged = ReleasesManifest.WithPermanent([Release("0.1.0", "permanent"), Release("0.0.9", "old")], Release("0.2.0", "unpacked"));
        Assert.Equal(["0.2.0", "0.1.0", "0.0.9"], merged.Select(r => r.Version));
        Assert.Equal(["permanent", "old", "old"], merged.Select(r => r.Status));
        GoldenFile.Verify(ReleasesManifest.Format(merged));
    }

    [Fact]
    public void Releases_file_reads_back_what_it_wrote()
    {
        var release = new InstalledRelease("kv", "0.1.0", "10.0.12", [new InstalledApplication("KV.Core", "1.2.0", "lib/KV.Core-1.2.0")], "permanent");
        var path = Path.Combine(Path.GetTempPath(), $"RELEASES-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(path, ReleasesManifest.Format([release]));
            var read = Assert.Single(ReleasesManifest.Read(path));
            Assert.Equal(release with { Applications = [] }, read with { Applications = [] });
            Assert.Equal(release.Applications.ToArray(), read.Applications.ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Boot_file_maps_assemblies_satellites_and_native_dirs_in_load_order()
    {
        var runtime = new RuntimeSelection("/dotnet", [new ResolvedFramework("Microsoft.NETCore.App", "10.0.12")], "10.0.12");
        var boot = BootFileBuilder.Build("kv", "0.1.0", runtime, ApplicationOrder.DependenciesFirst([Entry, Lib, Json]), "kv");
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
                ["RELEASES"] = ReleasesManifest.Format([new InstalledRelease("kv", "0.1.0", "10.0.12", [new("KV.Core", "1.2.0", "lib/KV.Core-1.2.0")], "permanent")]),
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
