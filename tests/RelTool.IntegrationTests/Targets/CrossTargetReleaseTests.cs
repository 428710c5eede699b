using System.Globalization;
using System.Text.Json;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;
using RelTool.IntegrationTests.Upgrade;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Targets;

/// <summary>
/// Issue 11's "done when": kv and a stock webapi released for linux-arm64, linux-musl-x64, osx-arm64 and win-x64 on this
/// x64 machine carry the target's runtime (checked by the binaries' headers), inspect clean, and a hand-broken release
/// is flagged; kv linux-arm64 runs under qemu-user; runtime_version pins the bundled runtime.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrossTargetReleaseTests(CrossTargetFixture fixture, ITestOutputHelper output) : IClassFixture<CrossTargetFixture>
{
    public static TheoryData<string, string> Releases()
    {
        var data = new TheoryData<string, string>();
        foreach (var app in new[] { "kv", "webapi" })
            foreach (var rid in CrossTargetFixture.Rids) data.Add(app, rid);
        return data;
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void The_runtime_and_the_launcher_are_the_targets_by_their_headers_and_inspect_is_clean(string app, string rid)
    {
        var root = fixture.Root(app, rid);
        var json = fixture.ReleaseJson(app, rid);
        Assert.Equal(rid, json.GetProperty("runtimeIdentifier").GetString());
        var expected = BinaryHeader.Expected(rid);
        var native = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "runtime"), "*", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(root, "lib"), "*", SearchOption.AllDirectories)))
        {
            if (BinaryHeader.Read(file) is not { } header) continue;
            var relative = Path.GetRelativePath(root, file);
            if (rid.StartsWith("win-", StringComparison.Ordinal))
            {
                Assert.True(header.Format == "PE", $"{relative}: {header.Format} in a Windows release");
                if (header.Machine == expected.Machine) native++;
                else Assert.True(header.Machine == 0x014C, $"{relative}: PE machine 0x{header.Machine:X4}");
            }
            else if (header.Format != "PE")
            {
                Assert.True(header == expected, $"{relative}: {header} in a {rid} release, expected {expected}");
                native++;
            }
        }
        Assert.True(native >= 10, $"only {native} native binaries of {rid} in {root}/runtime and lib");
        var frameworks = Path.Combine(root, "runtime", "shared", "Microsoft.NETCore.App");
        Assert.Single(Directory.GetDirectories(frameworks));
        Assert.Equal(app == "webapi", Directory.Exists(Path.Combine(root, "runtime", "shared", "Microsoft.AspNetCore.App")));

        // No dotnet muxer exists for a foreign RID: the launcher is the target's apphost, named first in host.args.
        Assert.False(File.Exists(Path.Combine(root, "runtime", "dotnet")) || File.Exists(Path.Combine(root, "runtime", "dotnet.exe")));
        var version = json.GetProperty("version").GetString()!;
        var launcher = File.ReadAllLines(Path.Combine(root, "releases", version, "host.args"))[0];
        Assert.Matches(rid.StartsWith("win-", StringComparison.Ordinal) ? @"^lib/RelTool\.Boot-[^/]+/RelTool\.Boot\.exe$" : @"^lib/RelTool\.Boot-[^/]+/RelTool\.Boot$", launcher);
        Assert.Equal(expected, BinaryHeader.Read(Path.Combine(root, launcher)));
        // The tool precompiles its launcher for linux-x64 and linux-arm64 (ReadyToRun code for Linux on AArch64: the
        // machine xor'ed with Linux's 0x7B79); any other target gets the portable IL build (the runtime refuses
        // ReadyToRun code for another OS or machine).
        (bool, ushort) code = rid == "linux-arm64" ? (true, (ushort)(0xAA64 ^ 0x7B79)) : (false, (ushort)0x014C);
        foreach (var dll in Directory.GetFiles(Path.GetDirectoryName(Path.Combine(root, launcher))!, "*.dll"))
            Assert.Equal(code, BinaryHeader.ManagedCode(dll));
        if (rid == "linux-arm64") Assert.Equal("/lib/ld-linux-aarch64.so.1", BinaryHeader.ElfInterpreter(Path.Combine(root, launcher)));
        if (rid == "linux-musl-x64") Assert.Equal("/lib/ld-musl-x86_64.so.1", BinaryHeader.ElfInterpreter(Path.Combine(root, launcher)));
        Assert.Contains($"{{runtime_identifier,\"{rid}\"}}", File.ReadAllText(Path.Combine(root, "releases", version, "start.boot")));

        var notices = json.GetProperty("notices").EnumerateArray().Select(n => n.GetString()).ToList();
        if (rid.StartsWith("win-", StringComparison.Ordinal)) Assert.Contains(notices, n => n!.Contains("no Windows launcher script yet", StringComparison.Ordinal));
        else Assert.Empty(notices);

        var inspect = ReltoolProcess.Run(root, "inspect", root, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        var report = JsonDocument.Parse(inspect.Stdout).RootElement;
        Assert.True(report.GetProperty("ok").GetBoolean(), inspect.Stdout);
        Assert.Equal(rid, report.GetProperty("runtimeIdentifier").GetString());
        Assert.True(report.GetProperty("binariesChecked").GetInt32() > 150, inspect.Stdout);
    }

    [Theory]
    [InlineData("linux-arm64", "an ELF binary for x86-64, not AArch64")]
    [InlineData("linux-musl-x64", "linked against libc.so.6 (glibc), not musl")]
    public void A_release_with_the_hosts_libcoreclr_copied_over_the_targets_is_flagged_naming_the_file(string rid, string problem)
    {
        var broken = Path.Combine(fixture.Kv.WorkDir, "broken-" + rid);
        UpgradeFixture.CopyTree(fixture.Root("kv", rid), broken);
        var version = Path.GetFileName(Directory.GetDirectories(Path.Combine(broken, "runtime", "shared", "Microsoft.NETCore.App")).Single());
        var relative = $"runtime/shared/Microsoft.NETCore.App/{version}/libcoreclr.so";
        File.Copy(Path.Combine(DotnetInstall.Root, "shared", "Microsoft.NETCore.App", DotnetInstall.RuntimeVersion, "libcoreclr.so"), Path.Combine(broken, relative), overwrite: true);

        var inspect = ReltoolProcess.Run(broken, "inspect", broken);
        output.WriteLine(inspect.Stdout);
        Assert.Equal(1, inspect.ExitCode);
        Assert.Contains($"  {relative}: {problem}; the release is for {rid}", inspect.Stdout);
        // The copy also no longer matches the release's SHA256SUMS: the same file, named a second time.
        Assert.Contains($"  {relative}: missing or changed: its SHA-256 differs from", inspect.Stdout);
        Assert.Contains("2 problem(s):", inspect.Stdout);
    }

    /// <remarks>On the stock webapi, not kv: kv references this repository's src/RelTool.Runtime, so a failed restore
    /// of kv leaves its errors in src/RelTool.Runtime/obj/project.assets.json, where the Templates fixture's
    /// `dotnet pack --no-build` (running beside this class) reads them as its own.</remarks>
    [Fact]
    public void A_runtime_version_or_runtime_identifier_that_cannot_be_restored_is_a_clear_error_and_nothing_is_written()
    {
        var web = fixture.WebApi;
        var root = Path.Combine(web.WorkDir, "unrestorable");
        var scaffold = File.ReadAllText(web.ConfigFile);
        ReltoolProcess.Outcome Release(params string[] args) =>
            ReltoolProcess.Run(web.ProjectDir, ["release", .. args, "--output", root]);
        try
        {
            File.WriteAllText(web.ConfigFile, "environments:\n  future:\n    runtime_version: 10.0.99\n");
            var version = Release("-e", "future", "-r", "linux-arm64");
            Assert.Equal(1, version.ExitCode);
            Assert.Contains("Microsoft.NETCore.App.Runtime.linux-arm64", version.Stderr);
            Assert.Contains("10.0.99", version.Stderr);
            Assert.Contains("nothing was written", version.Stderr);
            Assert.False(Directory.Exists(root));

            File.WriteAllText(web.ConfigFile, "environments:\n  typo:\n    runtime_version: latest\n");
            var typo = Release("-e", "typo");
            Assert.Equal(1, typo.ExitCode);
            Assert.Contains("environments.typo.runtime_version must be a runtime version with its patch level (10.0.12) or latest-patch, got 'latest'", typo.Stderr);
        }
        finally
        {
            File.WriteAllText(web.ConfigFile, scaffold);
        }
        var rid = Release("-r", "linux-sparc64");
        Assert.Equal(1, rid.ExitCode);
        Assert.Contains("linux-sparc64", rid.Stderr);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Runtime_version_pins_a_patch_level_other_than_the_hosts_and_describe_shows_it()
    {
        Assert.NotEqual(PinnedVersion, DotnetInstall.RuntimeVersion);
        var root = Path.Combine(fixture.Kv.WorkDir, "pinned");
        var config = Path.Combine(fixture.Kv.Sources, "src", "Kv", "rel", "config.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, $"environments:\n  pinned:\n    runtime_version: {PinnedVersion}\n");
        ReltoolProcess.Outcome release;
        try
        {
            release = fixture.KvRelease(root, ["--no-tar"], "-e", "pinned");
        }
        finally
        {
            File.Delete(config);
        }
        Assert.True(release.ExitCode == 0, release.ToString());
        var json = JsonDocument.Parse(release.Stdout).RootElement;
        Assert.Equal(PinnedVersion, json.GetProperty("runtimeVersion").GetString());
        // 0.1.0, or 0.2.0 when the emulated upgrade test has patched the sources already.
        var version = json.GetProperty("version").GetString()!;
        Assert.Equal([PinnedVersion], Directory.GetDirectories(Path.Combine(root, "runtime", "shared", "Microsoft.NETCore.App")).Select(Path.GetFileName));
        Assert.Equal([PinnedVersion], Directory.GetDirectories(Path.Combine(root, "runtime", "host", "fxr")).Select(Path.GetFileName));
        // The host's RID keeps the host's muxer; the framework and hostfxr are the pinned packs'.
        Assert.True(File.Exists(Path.Combine(root, "runtime", "dotnet")));
        Assert.Equal("exec", File.ReadAllLines(Path.Combine(root, "releases", version, "host.args"))[0]);

        var describe = LauncherRun.Run(new ReleaseTree(root, "kv", version, Path.Combine(root, "lib")), ["describe"]);
        output.WriteLine(describe.ToString());
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Contains($"runtime: {PinnedVersion} (bundled: {root}/runtime)", describe.Stdout);
        Assert.Contains($"loaded runtime: {PinnedVersion}", describe.Stdout);
        Assert.Contains("target: linux-x64", describe.Stdout);
    }

    /// <summary>Served here for every pack linux-x64 needs, and not the host's 10.0.12.</summary>
    private const string PinnedVersion = "10.0.15";

    [QemuAarch64Fact]
    public void Kv_for_linux_arm64_starts_answers_upgrades_live_to_0_2_0_and_stops_under_qemu_user()
    {
        fixture.Kv.ApplyPatch("0.2.0.patch");
        var upgrade = fixture.KvRelease(fixture.Kv.Output, [], "-r", "linux-arm64", "--upgrade");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());

        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(fixture.Kv.FullTarball("kv", "0.1.0"), "kv", "0.1.0", new Dictionary<string, string>
        {
            ["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            // No arm64 ICU is installed for the emulated process.
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
            // .NET does not support qemu-user: with W^X the runtime writes code through a second, writable mapping,
            // which qemu's translation cache does not watch, so code patched while it runs can run stale. With it on, the
            // live install failed here in 3 of 4 loaded runs (a type initializer threw); off, as for Rosetta
            // (docs/reltool-release.md).
            ["DOTNET_EnableWriteXorExecute"] = "0",
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Emulated, the runtime starts many times slower: generous timeouts, not tight ones.
        var start = node.Run("start", "--timeout", "600");
        Assert.True(start.ExitCode == 0, start.ToString());
        output.WriteLine($"start under qemu-user: {watch.Elapsed.TotalSeconds:0} s");
        using (var client = new LineClient(port))
        {
            Assert.Equal("OK", client.Call("PUT arch arm64"));
            Assert.Equal("arm64", client.Call("GET arch"));
        }
        Assert.Contains("kv 0.1.0", node.LogWith("kv 0.1.0"));
        // The launcher is precompiled for linux-arm64 too, and the runtime takes that code: a command run by the launcher
        // DLL (no native client for this target) compiles none of its methods.
        var jitLog = Path.Combine(node.Root, "jit-ping.txt");
        var ping = node.Run(JitList.Environment(jitLog), "ping");
        Assert.True(ping.ExitCode == 0, ping.ToString());
        var compiled = File.ReadAllLines(jitLog);
        Assert.NotEmpty(compiled); // the runtime's own start-up compiles a few methods: the list is real
        Assert.DoesNotContain(compiled, line => line.Contains("JIT compiled RelTool.", StringComparison.Ordinal));

        var dir = Directory.CreateDirectory(Path.Combine(node.Root, "releases", "0.2.0")).FullName;
        File.Copy(fixture.Kv.UpgradeTarball("kv", "0.2.0", "0.1.0"), Path.Combine(dir, "kv-from-0.1.0.tar.gz"));
        watch.Restart();
        var live = node.Run("upgrade", "0.2.0");
        Assert.True(live.ExitCode == 0, live.ToString());
        output.WriteLine($"upgrade under qemu-user: {watch.Elapsed.TotalSeconds:0} s\n{live.Stdout}");
        Assert.Contains("installed 0.2.0 from 0.1.0", live.Stdout);
        Assert.Contains("kv 0.2.0 is permanent", live.Stdout);
        using (var client = new LineClient(port))
        {
            Assert.Equal("arm64", client.Call("GET arch"));
            Assert.Equal("OK", client.Call("PUT after upgrade"));
        }
        Assert.Contains("kv 0.2.0 permanent current,running", node.Versions());

        var stop = node.Run("stop", "--timeout", "300");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal(3, node.Run("ping").ExitCode);
    }
}
