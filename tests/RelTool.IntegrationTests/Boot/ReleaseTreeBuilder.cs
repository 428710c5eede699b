using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Nodes;
using RelTool.Formats;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.IntegrationTests.Boot;

/// <summary>
/// Makes a release tree from `dotnet publish` output the way docs/release-layout.md says, without the release
/// builder: one application (the published app), the launcher's payload, bin/&lt;name&gt; and, optionally, runtime/.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class ReleaseTreeBuilder
{
    private const string BootVersion = "0.1.0";

    public static ReleaseTree Build(string publishDir, string app, string version, string name, string root, bool includeRuntime)
    {
        var runtimeVersion = DotnetInstall.RuntimeVersion;
        var appRel = $"lib/{app}-{version}";
        var appDir = Path.Combine(root, appRel);
        FileTree.Copy(publishDir, appDir);
        var bootRel = $"lib/RelTool.Boot-{BootVersion}";
        FileTree.Copy(RepoPaths.BootPayload, Path.Combine(root, bootRel));

        var releaseDir = Path.Combine(root, "releases", version);
        Directory.CreateDirectory(releaseDir);
        var runtimeConfig = Path.Combine(publishDir, app + ".runtimeconfig.json");
        File.Copy(runtimeConfig, Path.Combine(releaseDir, "start.runtimeconfig.json"));

        var boot = new BootFile(
            name, version, runtimeVersion,
            FrameworksOf(runtimeConfig),
            app, $"{appRel}/{app}.dll",
            [new BootApplication(app, version, appRel)],
            AssembliesIn(appDir, appRel),
            Directory.Exists(Path.Combine(appDir, "runtimes", "linux-x64", "native")) ? [$"{appRel}/runtimes/linux-x64/native"] : []);
        File.WriteAllText(Path.Combine(releaseDir, ReleaseLayout.BootFileName), boot.Format());
        File.WriteAllLines(Path.Combine(releaseDir, "host.args"),
        [
            "exec",
            "--runtimeconfig", $"releases/{version}/start.runtimeconfig.json",
            "--depsfile", $"{bootRel}/RelTool.Boot.deps.json",
            $"{bootRel}/RelTool.Boot.dll",
        ]);
        File.WriteAllText(Path.Combine(root, "releases", "start_erl.data"), $"{runtimeVersion} {version}");
        var release = Erl.Tuple(Erl.Atom("release"), Erl.Str(name), Erl.Str(version), Erl.Str(runtimeVersion),
            Erl.List(Erl.Tuple(Erl.Atom(app), Erl.Str(version), Erl.Str(appRel))), Erl.Atom("permanent"));
        File.WriteAllText(Path.Combine(root, "releases", "RELEASES"), ConsultFile.FormatOtp(Erl.List(release)));

        var bin = Path.Combine(root, "bin", name);
        Directory.CreateDirectory(Path.GetDirectoryName(bin)!);
        File.WriteAllText(bin, File.ReadAllText(RepoPaths.BinTemplate).Replace("{{rel_name}}", name)
            .Replace("{{launcher_client_commands}}", string.Join('|', LauncherCommands.RunByNativeClient)));
        File.SetUnixFileMode(bin, (UnixFileMode)0b111_101_101);

        if (includeRuntime) DotnetInstall.CopyRuntimeTo(Path.Combine(root, "runtime"));
        return new ReleaseTree(root, name, version, appDir);
    }

    private static ImmutableArray<BootFramework> FrameworksOf(string runtimeConfig)
    {
        var options = JsonNode.Parse(File.ReadAllText(runtimeConfig))!["runtimeOptions"]!;
        var frameworks = options["frameworks"]?.AsArray().Select(f => f!) ?? [options["framework"]!];
        return [.. frameworks.Select(f => new BootFramework((string)f["name"]!, (string)f["version"]!))];
    }

    /// <summary>Managed assemblies at the top of the app dir, and satellite assemblies in culture subdirectories.</summary>
    private static ImmutableArray<BootAssembly> AssembliesIn(string appDir, string appRel)
    {
        var files = Directory.GetFiles(appDir, "*.dll")
            .Concat(Directory.GetDirectories(appDir).Where(d => Path.GetFileName(d) != "runtimes").SelectMany(d => Directory.GetFiles(d, "*.resources.dll")));
        var result = ImmutableArray.CreateBuilder<BootAssembly>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            AssemblyName name;
            try { name = AssemblyName.GetAssemblyName(file); }
            catch (BadImageFormatException) { continue; }
            result.Add(new BootAssembly(name.Name!, name.CultureName ?? "", $"{appRel}/{Path.GetRelativePath(appDir, file).Replace('\\', '/')}"));
        }
        return result.ToImmutable();
    }
}
