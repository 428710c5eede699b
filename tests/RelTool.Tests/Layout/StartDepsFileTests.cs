using System.Text.Json;
using RelTool.Boot.Hosting;
using RelTool.Core.Layout;
using RelTool.Formats.Layout;

namespace RelTool.Tests.Layout;

/// <summary>releases/&lt;Vsn&gt;/start.deps.json and node.args: a node whose app is the entry program.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StartDepsFileTests : IDisposable
{
    private readonly RelTool.Tests.Archive.TempDirectory temp = new();

    private string Root => temp.Path;

    public void Dispose() => temp.Dispose();

    private static readonly PackagedApplication Boot = new("RelTool.Boot", "0.1.0", ApplicationKind.Launcher, false, [],
        [new("RelTool.Boot.dll", FileRole.Assembly, "RelTool.Boot"), new("RelTool.Boot.pdb", FileRole.Other)]);

    private static readonly PackagedApplication Lib = new("KV.Core", "1.2.0", ApplicationKind.Project, false, [],
        [new("KV.Core.dll", FileRole.Assembly, "KV.Core"), new("de/KV.Core.resources.dll", FileRole.Resource, "KV.Core.resources", "de")]);

    private static readonly PackagedApplication Entry = new("Shop", "1.0.0", ApplicationKind.Project, true, ["KV.Core"],
        [new("Shop.dll", FileRole.Assembly, "Shop"), new("appsettings.json", FileRole.Other), new("runtimes/linux-x64/native/libz.so", FileRole.Native)]);

    [Fact]
    public void Each_application_is_a_package_found_under_lib_with_its_assemblies_satellites_and_native_files()
    {
        var text = StartDepsFile.Format(Root, "10.0.12", "linux-x64", [Lib, Entry, Boot]);
        using var json = JsonDocument.Parse(text!);
        var target = ".NETCoreApp,Version=v10.0/linux-x64";
        Assert.Equal(target, json.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString());

        var targets = json.RootElement.GetProperty("targets").GetProperty(target);
        Assert.Equal(["KV.Core/1.2.0", "Shop/1.0.0", "RelTool.Boot/0.1.0"], targets.EnumerateObject().Select(p => p.Name).ToArray());
        var shop = targets.GetProperty("Shop/1.0.0");
        Assert.Equal(["Shop.dll"], shop.GetProperty("runtime").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["runtimes/linux-x64/native/libz.so"], shop.GetProperty("native").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(shop.TryGetProperty("resources", out _));
        var satellite = targets.GetProperty("KV.Core/1.2.0").GetProperty("resources").GetProperty("de/KV.Core.resources.dll");
        Assert.Equal("de", satellite.GetProperty("locale").GetString());
        // No file on disk: no versions rather than made-up ones.
        Assert.False(shop.GetProperty("runtime").GetProperty("Shop.dll").TryGetProperty("assemblyVersion", out _));

        var library = json.RootElement.GetProperty("libraries").GetProperty("Shop/1.0.0");
        Assert.Equal("package", library.GetProperty("type").GetString());
        Assert.Equal("Shop-1.0.0", library.GetProperty("path").GetString());
        Assert.Equal("RelTool.Boot-0.1.0", json.RootElement.GetProperty("libraries").GetProperty("RelTool.Boot/0.1.0").GetProperty("path").GetString());
    }

    [Fact]
    public void Assemblies_carry_the_versions_of_their_files()
    {
        var assembly = typeof(StartDepsFile).Assembly;
        var name = assembly.GetName().Name!;
        var app = new PackagedApplication(name, "2.0.0", ApplicationKind.Project, true, [], [new(name + ".dll", FileRole.Assembly, name)]);
        Directory.CreateDirectory(Path.Combine(Root, app.LibDirectory));
        File.Copy(assembly.Location, Path.Combine(Root, app.LibDirectory, name + ".dll"));

        using var json = JsonDocument.Parse(StartDepsFile.Format(Root, "10.0.12", null, [app])!);
        var file = json.RootElement.GetProperty("targets").GetProperty(".NETCoreApp,Version=v10.0").GetProperty($"{name}/2.0.0").GetProperty("runtime").GetProperty(name + ".dll");
        Assert.Equal(assembly.GetName().Version!.ToString(), file.GetProperty("assemblyVersion").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", file.GetProperty("fileVersion").GetString());
    }

    [Fact]
    public void A_release_the_host_cannot_take_as_one_list_gets_none()
    {
        var twin = new PackagedApplication("Other", "1.0.0", ApplicationKind.Package, false, [], [new("KV.Core.dll", FileRole.Assembly, "KV.Core")]);
        Assert.Null(StartDepsFile.Format(Root, "10.0.12", "linux-x64", [Lib, twin, Entry]));
        var renamed = new PackagedApplication("Renamed", "1.0.0", ApplicationKind.Package, false, [], [new("Renamed.dll", FileRole.Assembly, "Something.Else")]);
        Assert.Null(StartDepsFile.Format(Root, "10.0.12", "linux-x64", [renamed, Entry]));
        // The same satellite name in two cultures is fine.
        var french = new PackagedApplication("Fr", "1.0.0", ApplicationKind.Package, false, [], [new("fr/KV.Core.resources.dll", FileRole.Resource, "KV.Core.resources", "fr")]);
        Assert.NotNull(StartDepsFile.Format(Root, "10.0.12", "linux-x64", [Lib, french, Entry]));
    }

    [Fact]
    public void An_app_that_turned_startup_hooks_off_cannot_take_the_launcher_as_one()
    {
        Assert.True(StartDepsFile.RunsStartupHooks("""{"runtimeOptions":{"tfm":"net10.0"}}"""));
        Assert.True(StartDepsFile.RunsStartupHooks("""{"runtimeOptions":{"configProperties":{"System.StartupHookProvider.IsSupported":true}}}"""));
        Assert.False(StartDepsFile.RunsStartupHooks("""{"runtimeOptions":{"configProperties":{"System.StartupHookProvider.IsSupported":false}}}"""));
    }

    [Fact]
    public void Node_args_run_the_entry_assembly_with_the_release_lists()
    {
        Assert.Equal(
            "exec\n--runtimeconfig\nreleases/1.0/start.runtimeconfig.json\n--depsfile\nreleases/1.0/start.deps.json\n--additionalprobingpath\nlib\nlib/Shop-1.0/Shop.dll\n",
            HostArgs.FormatNode("1.0", "lib/Shop-1.0/Shop.dll"));
    }

    [Fact]
    public void The_node_hook_leaves_the_callers_own_startup_hooks_to_the_apps_children()
    {
        Assert.Null(NodeEntry.OtherHooks(null));
        Assert.Null(NodeEntry.OtherHooks(NodeEntry.HookName));
        Assert.Equal("/opt/x/Hook.dll", NodeEntry.OtherHooks($"{NodeEntry.HookName}:/opt/x/Hook.dll"));
        Assert.Equal("A:B", NodeEntry.OtherHooks($"A:{NodeEntry.HookName}:B"));
    }

    [Fact]
    public void The_launcher_script_sets_what_the_node_hook_reads()
    {
        var template = File.ReadAllText(Path.Combine(RepoFiles.Root, "templates", "bin", "release.sh"));
        foreach (var name in new[] { NodeEntry.ModeVariable, NodeEntry.RootVariable, NodeEntry.NameVariable, NodeEntry.StartupHooksVariable, ReleaseLayout.NodeArgsFileName })
            Assert.Contains(name, template);
        Assert.Contains($"{NodeEntry.StartupHooksVariable}=\"{NodeEntry.HookName}$", template);
        Assert.Contains($"{NodeEntry.ModeVariable}={"$"}node_mode", template);
        Assert.Contains($"{NodeEntry.NameVariable}={"$"}REL_NAME", template);
        Assert.Contains($"node_mode={NodeEntry.DetachedMode}\n", template);
    }

}
