using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Release;

/// <summary>`reltool release` and `reltool init` run for real on a generated solution. Each build takes 5–20 s.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseCommandTests : IDisposable
{
    private readonly SampleSolution sample = new();

    public void Dispose() => sample.Dispose();

    private string Output(string name) => Path.Combine(sample.Root, "out", name);

    private ReltoolProcess.Outcome Release(params string[] args) => ReltoolProcess.Run(sample.AppDirectory, ["release", .. args]);

    private static JsonElement Json(ReltoolProcess.Outcome outcome) => JsonDocument.Parse(outcome.Stdout).RootElement;

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_rebuild_of_an_unchanged_project_compiles_nothing_copies_no_runtime_and_packs_from_the_segment_cache_beside_the_output()
    {
        var root = Output("a");
        var first = Release("--output", root);
        Assert.True(first.ExitCode == 0, first.ToString());
        var objDlls = Directory.GetFiles(Path.Combine(sample.AppDirectory, "obj"), "Kv.dll", SearchOption.AllDirectories);
        Assert.NotEmpty(objDlls);
        var built = objDlls.ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var tarball = Path.Combine(root, "releases", "0.1.0", "kv.tar.gz");
        var sha = Sha256(tarball);

        var second = Release("--output", root, "--overwrite");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.All(built, b => Assert.Equal(b.Value, File.GetLastWriteTimeUtc(b.Key)));
        // The runtime the output already holds is packed from there, not copied again, and the bytes do not change.
        Assert.Matches(@"runtime [0-9.]+: already in .*/runtime", second.Stderr);
        Assert.Equal(sha, Sha256(tarball));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(sample.Root, "out", ".reltool", "tarcache"), "*.seg"));
        Assert.False(Directory.Exists(Path.Combine(root, ".reltool")));
    }

    [Fact]
    public void Release_places_every_published_file_once_is_reproducible_refuses_to_overwrite_and_shares_lib_dirs()
    {
        var first = Release("--output", Output("a"), "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var root = Output("a");
        var json = Json(first);
        Assert.Equal((2, true), (json.GetProperty("schema").GetInt32(), json.GetProperty("ok").GetBoolean()));
        Assert.Equal(("kv", "0.1.0"), (json.GetProperty("name").GetString(), json.GetProperty("version").GetString()));
        var runtimeVersion = json.GetProperty("runtimeVersion").GetString()!;
        Assert.Equal(
            ["KV.Core 1.2.0", "Kv 0.1.0", "Newtonsoft.Json 13.0.3", $"RelTool.Boot {json.GetProperty("applications")[0].GetProperty("version").GetString()}"],
            json.GetProperty("applications").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()} {a.GetProperty("version").GetString()}").Order(StringComparer.Ordinal));

        // The layout of docs/release-layout.md.
        Assert.Equal("0755", Mode(Path.Combine(root, "bin", "kv")));
        Assert.Contains("REL_NAME=\"kv\"", File.ReadAllText(Path.Combine(root, "bin", "kv")));
        Assert.True(File.Exists(Path.Combine(root, "runtime", "dotnet")));
        Assert.True(Directory.Exists(Path.Combine(root, "runtime", "shared", "Microsoft.NETCore.App", runtimeVersion)));
        Assert.False(Directory.Exists(Path.Combine(root, "runtime", "shared", "Microsoft.AspNetCore.App")));
        Assert.Equal($"{runtimeVersion} 0.1.0", File.ReadAllText(Path.Combine(root, "releases", "start_erl.data")));
        // An app without RelTool.Runtime boots under its published runtimeconfig, which reltool leaves as it is.
        Assert.DoesNotContain("QuickJitForLoops", File.ReadAllText(Path.Combine(root, "releases", "0.1.0", "start.runtimeconfig.json")));
        Assert.DoesNotContain(ReleaseLayout.EntryOnRuntimeProperty, File.ReadAllText(Path.Combine(root, "releases", "0.1.0", "start.runtimeconfig.json")));
        // ... and runs as the node's entry program (node.args), with every lib dir on its assembly list (start.deps.json).
        foreach (var f in new[] { "kv.rel", "start.boot", "start.runtimeconfig.json", "host.args", "node.args", "start.deps.json", "kv.tar.gz" })
            Assert.True(File.Exists(Path.Combine(root, "releases", "0.1.0", f)), f);
        Assert.True(File.Exists(Path.Combine(root, "lib", "Kv-0.1.0", "de", "Kv.resources.dll")));
        Assert.True(File.Exists(Path.Combine(root, "lib", "Kv-0.1.0", "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(root, "lib", "KV.Core-1.2.0", "KV.Core.pdb")));
        Assert.Equal(["'KV.Core'"], AppDependencies(Path.Combine(root, "lib", "Kv-0.1.0", "Kv.app")));
        // The launcher is precompiled for linux-x64 (PE machine AMD64 xor the Linux tag), the target on an x64 host.
        var bootDir = Directory.GetDirectories(Path.Combine(root, "lib"), "RelTool.Boot-*").Single();
        foreach (var dll in new[] { "RelTool.Boot.dll", "RelTool.Formats.dll" })
            if (System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier == "linux-x64") Assert.Equal((true, (ushort)(0x8664 ^ 0x7B79)), RelTool.IntegrationTests.Targets.BinaryHeader.ManagedCode(Path.Combine(bootDir, dll)));

        // Every file `dotnet publish` makes is in exactly one lib dir, at the same relative path.
        var published = Publish();
        var placed = Directory.GetDirectories(Path.Combine(root, "lib")).Where(d => !Path.GetFileName(d).StartsWith("RelTool.Boot-"))
            .SelectMany(d => RelTool.Core.Release.FileTree.RelativeFiles(d).Where(f => !f.EndsWith(".app")).Select(f => (App: Path.GetFileName(d), File: f)))
            .ToList();
        Assert.Equal(published.Order(StringComparer.Ordinal), placed.Select(p => p.File).Order(StringComparer.Ordinal));

        // Erlang reads every term file, and the manifests agree with each other.
        var termFiles = Directory.GetFiles(Path.Combine(root, "lib"), "*.app", SearchOption.AllDirectories)
            .Concat([Path.Combine(root, "releases", "0.1.0", "kv.rel"), Path.Combine(root, "releases", "0.1.0", "start.boot"), Path.Combine(root, "releases", "RELEASES")]);
        foreach (var file in termFiles)
            Assert.Equal("ok", ErlEval($"{{ok, _}} = file:consult(\"{file}\"), io:format(\"ok\")"));
        var rel = RelFile.Read(Path.Combine(root, "releases", "0.1.0", "kv.rel"));
        Assert.Equal(runtimeVersion, rel.ErtsVersion);
        foreach (var app in rel.Applications)
            Assert.True(File.Exists(Path.Combine(root, "lib", $"{app.Name}-{app.Version}", app.Name + ".app")), app.Name);
        var boot = BootFile.Read(Path.Combine(root, "releases", "0.1.0", "start.boot"));
        Assert.Contains(boot.Assemblies, a => a.Name == "Kv.resources" && a.Culture == "de" && a.Path == "lib/Kv-0.1.0/de/Kv.resources.dll");
        Assert.All(boot.Assemblies, a => Assert.True(File.Exists(Path.Combine(root, a.Path)), a.Path));

        // The tarball holds the release (not itself), and GNU tar extracts it.
        var tarball = Path.Combine(root, "releases", "0.1.0", "kv.tar.gz");
        var listing = Shell("tar", "-tzf", tarball).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("bin/kv", listing);
        Assert.Contains("releases/0.1.0/start.boot", listing);
        Assert.DoesNotContain("releases/0.1.0/kv.tar.gz", listing);
        Assert.DoesNotContain(listing, l => l.Contains(".reltool"));
        Assert.Equal(json.GetProperty("tarball").GetProperty("sha256").GetString(), Sha256(tarball));

        // A clean rebuild into another folder gives the same tarball, byte for byte.
        sample.Clean();
        var second = Release("--output", Output("b"), "--json");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(Sha256(tarball), Sha256(Path.Combine(Output("b"), "releases", "0.1.0", "kv.tar.gz")));

        // The same version again is refused, says it is identical, and changes nothing.
        var before = Snapshot(root);
        var again = Release("--output", root);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("release kv 0.1.0 already exists", again.Stderr);
        Assert.Contains("identical to this build", again.Stderr);
        Assert.Equal(before, Snapshot(root));
        var replaced = Release("--output", root, "--overwrite", "--json");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.True(Json(replaced).GetProperty("replacedExisting").GetBoolean());

        // A second release version beside the first keeps it, shares unchanged lib dirs and lists both in RELEASES.
        var next = Release("--output", root, "--version", "0.2.0", "--json");
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.All(Json(next).GetProperty("applications").EnumerateArray(), a => Assert.True(a.GetProperty("shared").GetBoolean()));
        var releases = ReleasesFile.Read(Path.Combine(root, "releases", "RELEASES"));
        Assert.Equal([("0.2.0", ReleaseStatus.Permanent), ("0.1.0", ReleaseStatus.Old)], releases.Releases.Select(r => (r.Version, r.Status)));
        Assert.Equal($"{runtimeVersion} 0.2.0", File.ReadAllText(Path.Combine(root, "releases", "start_erl.data")));
        Assert.True(File.Exists(Path.Combine(root, "releases", "0.1.0", "kv.rel")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(root), e => Path.GetFileName(e).StartsWith(".reltool"));
    }

    [Fact]
    public void Init_writes_a_config_the_release_then_follows_with_overlays_hooks_and_the_dev_environment()
    {
        var init = ReltoolProcess.Run(sample.AppDirectory, "init");
        Assert.True(init.ExitCode == 0, init.ToString());
        var config = Path.Combine(sample.AppDirectory, "rel", "config.yaml");
        Assert.Contains("project: Kv.csproj", File.ReadAllText(config));
        var refused = ReltoolProcess.Run(sample.AppDirectory, "init");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Stderr);

        sample.Write("Kv/rel/config.yaml", $"""
            releases:
              kv:
                project: Kv.csproj
                output: {Output("dev")}
                overlays:
                  - template: rel/vm.args
                    to: releases/{"{{rel_vsn}}"}/vm.args
                  - copy: rel/etc
                    to: etc
                  - mkdir: var/data
                hooks:
                  pre_start: rel/hooks/pre_start.sh
            """);
        sample.Write("Kv/rel/vm.args", "name={{rel_name}} vsn={{rel_vsn}} runtime={{runtime_vsn}} env={{env}}\n");
        sample.Write("Kv/rel/etc/app.conf", "x=1\n");
        sample.Write("Kv/rel/hooks/pre_start.sh", "echo hi\n");

        var dev = ReltoolProcess.Run(sample.AppDirectory, "release", "--env", "dev", "--no-tar", "--json");
        Assert.True(dev.ExitCode == 0, dev.ToString());
        var json = Json(dev);
        Assert.Equal(("Debug", false), (json.GetProperty("configuration").GetString(), json.GetProperty("includeRuntime").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("tarball").ValueKind);
        var root = Output("dev");
        Assert.False(Directory.Exists(Path.Combine(root, "runtime")));
        Assert.False(File.Exists(Path.Combine(root, "releases", "0.1.0", "kv.tar.gz")));
        Assert.Equal($"name=kv vsn=0.1.0 runtime={json.GetProperty("runtimeVersion").GetString()} env=dev\n", File.ReadAllText(Path.Combine(root, "releases", "0.1.0", "vm.args")));
        Assert.Equal("x=1\n", File.ReadAllText(Path.Combine(root, "etc", "app.conf")));
        Assert.True(Directory.Exists(Path.Combine(root, "var", "data")));
        Assert.Equal("0755", Mode(Path.Combine(root, "releases", "0.1.0", "hooks", "pre_start.sh")));
    }

    [Fact]
    public void A_failing_build_shows_msbuild_errors_and_writes_nothing()
    {
        sample.Write("Kv/Program.cs", "System.Console.WriteLine(\"missing semicolon\")\n");
        var outcome = Release("--output", Output("broken"));
        Assert.Equal(1, outcome.ExitCode);
        Assert.Matches(@"Program\.cs\(1,\d+\): error CS1002: ; expected", outcome.Stderr);
        Assert.Contains("nothing was written", outcome.Stderr);
        Assert.False(Directory.Exists(Path.Combine(sample.Root, "out")));
    }

    [Fact]
    public void Broken_yaml_names_file_line_and_column_and_nothing_is_built()
    {
        sample.Write("Kv/rel/config.yaml", "releases:\n  kv:\n    project: Kv.csproj\n    overlay: []\n");
        var outcome = Release();
        Assert.Equal(1, outcome.ExitCode);
        var error = Assert.Single(outcome.Stderr.Split('\n'), l => l.StartsWith("reltool: error: ", StringComparison.Ordinal));
        Assert.StartsWith("reltool: error: unknown key 'overlay' in releases.kv; valid keys: project, version, output, overlays, hooks, properties", error);
        Assert.EndsWith($" ({Path.Combine(sample.AppDirectory, "rel", "config.yaml")}:4:5)", error);
        Assert.DoesNotContain("restoring", outcome.Stderr);
        Assert.False(Directory.Exists(Path.Combine(sample.AppDirectory, "_build")));
    }

    [Fact]
    public void An_unwritable_or_locked_output_fails_before_building()
    {
        var file = Path.Combine(sample.Root, "a-file");
        File.WriteAllText(file, "");
        var unwritable = Release("--output", Path.Combine(file, "kv"));
        Assert.Equal(1, unwritable.ExitCode);
        Assert.Contains($"cannot write the release to {file}/kv", unwritable.Stderr);
        Assert.DoesNotContain("restoring", unwritable.Stderr);

        var output = Directory.CreateDirectory(Output("locked")).FullName;
        using (new FileStream(Path.Combine(output, ".reltool.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var locked = Release("--output", output);
            Assert.Equal(1, locked.ExitCode);
            Assert.Contains($"another reltool run is writing {output}", locked.Stderr);
            Assert.DoesNotContain("restoring", locked.Stderr);
        }
    }

    [Fact]
    public void Several_projects_without_a_config_are_listed()
    {
        sample.Write("Kv/Other.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var outcome = Release();
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("2 projects in", outcome.Stderr);
        Assert.Contains("Kv.csproj", outcome.Stderr);
        Assert.Contains("Other.csproj", outcome.Stderr);
    }

    private List<string> Publish()
    {
        var dir = Path.Combine(sample.Root, "published");
        Shell("dotnet", "publish", Path.Combine(sample.AppDirectory, "Kv.csproj"), "-c", "Release", "-r", RelTool.Core.Release.RuntimeIdentifiers.Current(),
            "--self-contained", "false", "-p:UseAppHost=false", "-o", dir, "-nodeReuse:false");
        return RelTool.Core.Release.FileTree.RelativeFiles(dir);
    }

    /// <summary>Issue 15, finding 5: a run killed after moving its release in but before registering it left a rerun
    /// that refused ("already exists ... pass --overwrite") and temp files; the rerun now finishes the release.</summary>
    [Fact]
    public void A_release_killed_during_its_commit_is_finished_by_a_rerun_without_overwrite_and_leaves_no_temp_files()
    {
        var root = Output("killed");
        var killed = ReltoolProcess.Run(sample.AppDirectory, new Dictionary<string, string> { [RelTool.Formats.FaultPoint.Variable] = "release:before-registering" },
            "release", "--output", root);
        Assert.True(killed.ExitCode == 137, killed.ToString());
        Assert.True(Directory.Exists(Path.Combine(root, "releases", "0.1.0")));
        Assert.False(File.Exists(Path.Combine(root, "releases", "RELEASES")));

        var rerun = Release("--output", root);

        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Equal(["0.1.0"], ReleasesFile.Read(Path.Combine(root, "releases", "RELEASES")).Releases.Select(r => r.Version));
        Assert.Equal("0.1.0", File.ReadAllText(Path.Combine(root, "releases", "start_erl.data")).Split(' ')[1]);
        Assert.Empty(Directory.GetFileSystemEntries(root, ".reltool-staging-*"));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "releases"), "*.tmp"));
        // The killed run's MSBuild import (named with its pid) was removed by the rerun.
        Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "reltool-exclude-*"), f =>
            int.TryParse(Path.GetFileName(f).Split('-')[2], out var pid) && !Directory.Exists($"/proc/{pid}"));
    }

    /// <summary>Issue 15, finding 7: what a user can cause is one message, never a stack trace.</summary>
    [Fact]
    public void A_version_too_long_for_a_path_is_one_message_without_a_stack_trace()
    {
        var outcome = Release("--output", Output("long"), "--version", "1." + new string('0', 300));

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.StartsWith("reltool: error: ", outcome.Stderr.Split('\n').Last(l => l.Length > 0));
        Assert.DoesNotContain("   at ", outcome.Stderr);
    }

    /// <summary>Issue 15, finding 7: a disk that fills up during the release is one message, and nothing is left behind.</summary>
    [RootFact]
    public void A_full_disk_is_one_message_without_a_stack_trace_and_leaves_nothing_behind()
    {
        var disk = Directory.CreateTempSubdirectory("reltool-full-disk-").FullName;
        RootFactAttribute.Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", disk);
        try
        {
            var outcome = Release("--output", Path.Combine(disk, "out"));

            Assert.True(outcome.ExitCode == 1, outcome.ToString());
            var last = outcome.Stderr.Split('\n').Last(l => l.Length > 0);
            Assert.StartsWith("reltool: error: ", last);
            Assert.Contains("No space left on device", last);
            Assert.DoesNotContain("   at ", outcome.Stderr);
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(disk, "*", SearchOption.AllDirectories), File.Exists);
        }
        finally
        {
            RootFactAttribute.Run("umount", disk);
            Directory.Delete(disk);
        }
    }

    private static string[] AppDependencies(string appFile)
    {
        var app = AppFile.Read(appFile);
        return app.Applications.Select(a => TermPrinter.Flat(Erl.Atom(a))).ToArray();
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');

    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => $"{Path.GetRelativePath(root, p)} {(File.Exists(p) ? Sha256(p) : "dir")}")
            .Order(StringComparer.Ordinal).ToList();

    private static string ErlEval(string expressions) => Shell("erl", "-noshell", "-eval", expressions + ", halt().");

    private static string Shell(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }
}
