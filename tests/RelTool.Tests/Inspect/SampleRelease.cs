using System.Text;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Inspect;

/// <summary>
/// A small, sound release tree as `reltool release` lays it out (docs/release-layout.md), written with the Formats writers:
/// kv 0.1.0 (RelTool.Boot 0.1.0, KV.Core 1.2.0, Kv 0.1.0) on a bundled runtime 10.0.0; <see cref="AddUpgrade"/> adds kv 0.2.0
/// (Kv 0.2.0 with an appup, a relup from 0.1.0) and makes it permanent. Files are a few bytes each.
/// </summary>
internal static class SampleRelease
{
    public const string Runtime = "10.0.0";

    public static readonly RelFile Rel010 = new("kv", "0.1.0", Runtime,
        [new RelApplication("RelTool.Boot", "0.1.0"), new RelApplication("KV.Core", "1.2.0"), new RelApplication("Kv", "0.1.0")]);

    public static readonly RelFile Rel020 = Rel010 with
    {
        Version = "0.2.0",
        Applications = [new RelApplication("RelTool.Boot", "0.1.0"), new RelApplication("KV.Core", "1.2.0"), new RelApplication("Kv", "0.2.0")],
    };

    public static void Write(string root)
    {
        Put(root, "bin/kv", "#!/bin/sh\n");
        Put(root, "runtime/dotnet", "dotnet");
        Put(root, "runtime/host/fxr/10.0.0/libhostfxr.so", "fxr");
        Put(root, "runtime/shared/Microsoft.NETCore.App/10.0.0/System.Runtime.dll", "runtime");
        Put(root, "runtime/shared/Microsoft.NETCore.App/10.0.0/System.Private.CoreLib.dll", "corelib");
        App(root, "RelTool.Boot", "0.1.0", ["RelTool.Boot", "RelTool.Formats"], ("RelTool.Boot.dll", "boot"), ("RelTool.Formats.dll", "formats"), ("RelTool.Boot.deps.json", "{}"));
        App(root, "KV.Core", "1.2.0", ["KV.Core"], ("KV.Core.dll", "core"));
        App(root, "Kv", "0.1.0", ["Kv"], ("Kv.dll", "kv 0.1.0"), ("de/Kv.resources.dll", "hallo"), ("appsettings.json", "{}"));
        Release(root, Rel010);
        Put(root, "releases/RELEASES", ReleasesFile.Create("", Rel010).Format());
        Put(root, "releases/start_erl.data", new StartErlData(Runtime, "0.1.0").Format());
    }

    /// <summary>kv 0.2.0 beside 0.1.0, permanent (0.1.0 old), with Kv 0.2.0's appup and a relup up from and down to 0.1.0.</summary>
    public static void AddUpgrade(string root)
    {
        App(root, "Kv", "0.2.0", ["Kv"], ("Kv.dll", "kv 0.2.0"), ("de/Kv.resources.dll", "hallo"), ("appsettings.json", "{}"));
        Put(root, "lib/Kv-0.2.0/Kv.appup", "{\"0.2.0\",[{\"0.1.0\",[{load_module,'Kv'}]}],[{\"0.1.0\",[{load_module,'Kv'}]}]}.\n");
        Release(root, Rel020);
        Put(root, "releases/0.2.0/relup", "%% coding: utf-8\n{\"0.2.0\",[{\"0.1.0\",[],[point_of_no_return]}],[{\"0.1.0\",[],[point_of_no_return]}]}.\n");
        var old = ReleasesFile.Create("", Rel010).Releases[0] with { Status = ReleaseStatus.Old };
        var releases = new ReleasesFile([ReleasesFile.Create("", Rel020).Releases[0], old]);
        Put(root, "releases/RELEASES", releases.Format());
        Put(root, "releases/start_erl.data", new StartErlData(Runtime, "0.2.0").Format());
    }

    private static void Release(string root, RelFile rel)
    {
        var dir = $"releases/{rel.Version}";
        Put(root, $"{dir}/kv.rel", rel.Format());
        var kv = rel.Applications.Single(a => a.Name == "Kv").Version;
        Put(root, $"{dir}/start.boot", new BootFile("kv", rel.Version, Runtime, [new BootFramework("Microsoft.NETCore.App", Runtime)],
            "Kv", $"lib/Kv-{kv}/Kv.dll",
            [new BootApplication("KV.Core", "1.2.0", "lib/KV.Core-1.2.0"), new BootApplication("Kv", kv, $"lib/Kv-{kv}")],
            [new BootAssembly("KV.Core", "", "lib/KV.Core-1.2.0/KV.Core.dll"), new BootAssembly("Kv", "", $"lib/Kv-{kv}/Kv.dll"),
             new BootAssembly("Kv.resources", "de", $"lib/Kv-{kv}/de/Kv.resources.dll")],
            []).Format());
        Put(root, $"{dir}/start.runtimeconfig.json", "{}");
        Put(root, $"{dir}/host.args", string.Join('\n', "exec", "--runtimeconfig", $"{dir}/start.runtimeconfig.json", "--depsfile",
            "lib/RelTool.Boot-0.1.0/RelTool.Boot.deps.json", "lib/RelTool.Boot-0.1.0/RelTool.Boot.dll") + "\n");
    }

    private static void App(string root, string name, string version, string[] modules, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files) Put(root, $"lib/{name}-{version}/{path}", text);
        Put(root, $"lib/{name}-{version}/{name}.app", new AppFile(name, version) { Modules = [.. modules] }.Format());
    }

    public static void Put(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }
}
