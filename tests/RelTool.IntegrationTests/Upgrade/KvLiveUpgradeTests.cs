using RelTool.Formats.Archive;
using RelTool.Formats.Layout;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RelTool.IntegrationTests.Boot;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>The issue's "done when" for kv: live upgrade and downgrade under load, and the failure cases.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class KvLiveUpgradeTests(KvUpgradeFixture fixture, ITestOutputHelper output) : IClassFixture<KvUpgradeFixture>
{
    private const int SeededKeys = 10_000;

    private (TargetNode Node, int Port) StartNode(Dictionary<string, string>? env = null)
    {
        var port = Posix.FreeLoopbackPort();
        var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", new Dictionary<string, string>(env ?? []) { ["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture) });
        var start = node.Run("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        return (node, port);
    }

    private void CopyUpgradeTarball(TargetNode node)
    {
        var dir = Path.Combine(node.Root, "releases", "0.2.0");
        Directory.CreateDirectory(dir);
        File.Copy(fixture.UpgradeTarball, Path.Combine(dir, "kv-from-0.1.0.tar.gz"));
    }

    private static void Seed(int port, int count)
    {
        using var client = new LineClient(port);
        var replies = client.Pipeline(Enumerable.Range(0, count).Select(i => $"PUT seed{i} value{i}").ToList());
        Assert.All(replies, r => Assert.Equal("OK", r));
    }

    private static void AssertSeeded(int port, int count)
    {
        using var client = new LineClient(port);
        var replies = client.Pipeline(Enumerable.Range(0, count).Select(i => $"GET seed{i}").ToList());
        for (var i = 0; i < count; i++) Assert.Equal($"value{i}", replies[i]);
    }

    /// <summary>PUT then GET of 200 rotating keys; each GET must return what this loop last wrote.</summary>
    private static ClientLoop PutGetLoop(int port) => new(port, reconnect: false, i =>
    {
        var key = $"loop{i / 2 % 200}";
        var value = $"v{i / 2}";
        return i % 2 == 0 ? ($"PUT {key} {value}", r => r == "OK") : ($"GET {key}", r => r == value);
    });

    private static void WriteHook(TargetNode node, string version, string hook) =>
        File.WriteAllText(Directory.CreateDirectory(Path.Combine(node.Root, "releases", version, "hooks")).FullName + $"/{hook}.sh",
            $"echo \"{hook} $REL_FROM_VSN -> $REL_VSN\" >> \"$RELEASE_ROOT_DIR/hooks.txt\"\n");

    [GeneratedRegex(@"pause Kv (\d+\.\d+) ms")]
    private static partial Regex PauseLine();

    [Fact]
    public void Upgrade_and_downgrade_under_load_keep_every_value_answer_every_request_and_unload_the_old_code()
    {
        var (node, port) = StartNode();
        using var _ = node;
        Seed(port, SeededKeys);
        CopyUpgradeTarball(node);
        WriteHook(node, "0.2.0", "pre_upgrade");
        WriteHook(node, "0.2.0", "post_upgrade");
        WriteHook(node, "0.1.0", "post_upgrade");

        using var loop = PutGetLoop(port);
        loop.WaitForMore(500, TimeSpan.FromSeconds(30));
        var upgrade = node.Run("upgrade", "0.2.0");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        output.WriteLine($"bin/kv upgrade 0.2.0 ({SeededKeys} seeded keys, client loop running):\n{upgrade.Stdout}");
        Assert.Contains("unpacked kv 0.2.0 from kv-from-0.1.0.tar.gz", upgrade.Stdout);
        Assert.Contains("installed 0.2.0 from 0.1.0", upgrade.Stdout);
        // The new code loads before the suspend on a thread of lower priority (Linux), so that the serving threads win the cores.
        var lowPriority = OperatingSystem.IsLinux() ? ", at low priority" : "";
        Assert.Matches($@"(?m)^load_object_code Kv-0.2.0 \d+\.\d{{3}} ms{lowPriority}$", upgrade.Stdout);
        Assert.Matches(@"(?m)^unloaded kv-0.1.0 in \d+ ms$", upgrade.Stdout);
        Assert.Contains("kv 0.2.0 is permanent", upgrade.Stdout);
        // The node's first install compiles nothing in its pause (the worker that holds kv's store runs every step): the
        // pause's own bookkeeping once kept its timings in a list of (string, TimeSpan) tuples, whose code the runtime
        // compiled right there (~0.4 ms of kv's pause).
        Assert.Matches(@"(?m)^steps: .*; jit 0; clock ", upgrade.Stdout);
        var pauseUp = double.Parse(PauseLine().Match(upgrade.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine($"PAUSE upgrade (suspend → resume, {SeededKeys} keys): {pauseUp:0.000} ms");

        loop.WaitForMore(500, TimeSpan.FromSeconds(30));
        Assert.Contains("kv 0.2.0 permanent current,running", node.Versions());
        Assert.Contains("kv 0.1.0 old", node.Versions());
        Assert.Contains("kv 0.2.0 GET loop", node.LogWith("kv 0.2.0 GET loop"));
        Assert.Contains("kv 0.2.0 PUT loop", node.LogWith("kv 0.2.0 PUT loop"));
        Assert.Equal("0.2.0", File.ReadAllText(Path.Combine(node.Root, "releases", "start_erl.data")).Split(' ')[1]);

        var downgrade = node.Run("downgrade", "0.1.0");
        Assert.True(downgrade.ExitCode == 0, downgrade.ToString());
        output.WriteLine($"bin/kv downgrade 0.1.0:\n{downgrade.Stdout}");
        Assert.Contains("installed 0.1.0 from 0.2.0 (downgrade)", downgrade.Stdout);
        Assert.Matches($@"(?m)^load_object_code Kv-0.1.0 \d+\.\d{{3}} ms{lowPriority}$", downgrade.Stdout);
        Assert.Matches(@"(?m)^unloaded kv-0.2.0 in \d+ ms$", downgrade.Stdout);
        var pauseDown = double.Parse(PauseLine().Match(downgrade.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine($"PAUSE downgrade (suspend → resume, {SeededKeys} keys): {pauseDown:0.000} ms");

        loop.WaitForMore(500, TimeSpan.FromSeconds(30));
        var logBefore = node.Log.Length;
        loop.WaitForMore(200, TimeSpan.FromSeconds(30));
        loop.Dispose();
        Assert.Empty(loop.Failures);
        Assert.DoesNotContain("kv 0.2.0", node.Log[logBefore..]);
        output.WriteLine($"client loop: {loop.Answered} requests answered, {loop.Failures.Count} failed");
        AssertSeeded(port, SeededKeys);
        Assert.Contains("kv 0.1.0 permanent current,running", node.Versions());
        Assert.Equal(["pre_upgrade 0.1.0 -> 0.2.0", "post_upgrade 0.1.0 -> 0.2.0", "post_upgrade 0.2.0 -> 0.1.0"],
            File.ReadAllLines(Path.Combine(node.Root, "hooks.txt")));
    }

    [Fact]
    public void A_code_change_that_throws_leaves_the_old_code_serving_with_its_state()
    {
        var (node, port) = StartNode(new() { ["KV_FAIL_CODE_CHANGE"] = "injected by the test" });
        using var _ = node;
        Seed(port, 1000);
        CopyUpgradeTarball(node);
        using var client = new LineClient(port);
        Assert.Equal("OK", client.Call("PUT before upgrade"));

        var upgrade = node.Run("upgrade", "0.2.0");
        Assert.Equal(1, upgrade.ExitCode);
        Assert.Contains("KV_FAIL_CODE_CHANGE: injected by the test", upgrade.Stderr);
        Assert.Contains("the node runs 0.1.0 as before", upgrade.Stderr);

        Assert.Equal("upgrade", client.Call("GET before"));
        Assert.Equal("OK", client.Call("PUT after failure"));
        AssertSeeded(port, 1000);
        Assert.DoesNotContain("kv 0.2.0", node.Log);
        var versions = node.Versions();
        Assert.Contains("kv 0.1.0 permanent current,running", versions);
        Assert.Contains("kv 0.2.0 unpacked", versions);
    }

    [Fact]
    public void A_crash_after_the_point_of_no_return_restarts_the_permanent_release_and_install_alone_is_not_permanent()
    {
        var (node, port) = StartNode();
        using var _ = node;
        var pid = node.Run("pid").Stdout.Trim();
        CopyUpgradeTarball(node);
        Assert.Equal(0, node.Run("unpack", "0.2.0").ExitCode);
        var relup = Path.Combine(node.Root, "releases", "0.2.0", "relup");
        var original = File.ReadAllText(relup);
        var index = original.IndexOf("point_of_no_return,", StringComparison.Ordinal) + "point_of_no_return,".Length;
        File.WriteAllText(relup, original[..index] + "{apply,{'Kv.NoSuchType',crash,[]}}," + original[index..]);

        var install = node.Run("install", "0.2.0");
        Assert.Equal(1, install.ExitCode);
        Assert.Contains("after the point of no return", install.Stderr);
        Assert.Contains("Kv.NoSuchType", install.Stderr);
        Assert.Contains("the node is back on 0.1.0", install.Stderr);
        Assert.Equal("pong", node.Run("ping").Stdout.Trim());
        Assert.NotEqual(pid, node.Run("pid").Stdout.Trim());
        using (var client = new LineClient(port)) Assert.Equal("OK", client.Call("PUT k v"));

        // install without make_permanent: the node runs 0.2.0, but a restart boots the permanent 0.1.0.
        File.WriteAllText(relup, original);
        var retry = node.Run("install", "0.2.0");
        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.Contains("kv 0.2.0 unpacked running", node.Versions());
        Assert.Equal(0, node.Run("restart").ExitCode);
        Assert.Contains("kv 0.1.0 permanent current,running", node.Versions());
    }

    [Fact]
    public void A_release_on_RelTool_Runtime_boots_with_loops_compiled_optimised_though_the_project_does_not_ask()
    {
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", []);
        var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(node.Root, "releases", "0.1.0", "start.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation.QuickJitForLoops").GetBoolean());
        Assert.DoesNotContain("QuickJitForLoops", File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "kv", "Directory.Build.props")));
        // ... and says that its entry is started on RelTool.Runtime: the launcher reads no metadata to find out.
        Assert.True(properties.GetProperty(RelTool.Formats.Layout.ReleaseLayout.EntryOnRuntimeProperty).GetBoolean());
    }

    [PrecompiledLauncherFact]
    public async Task A_node_starts_and_serves_and_ping_answers_without_compiling_any_method_of_the_launcher()
    {
        // The launcher ships precompiled: none of its own methods may need the JIT while a node starts and serves. Its
        // precompilation must see RelTool.Runtime (RelTool.Boot.csproj): without it every launcher method naming one of
        // its types (the node's host, release handler, upgrade path) had no code and was compiled at each start (~25 ms).
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", []);
        var port = Posix.FreeLoopbackPort();
        var jitLog = Path.Combine(node.Root, "jit.txt");
        using (var foreground = new ForegroundNode(node.Tree, JitList.Environment(jitLog, ("KV_PORT", port.ToString(CultureInfo.InvariantCulture)))))
        {
            Assert.True(RealApps.WaitFor.Condition(() => node.Run("ping").ExitCode == 0, seconds: 60),
                "the node did not answer ping within 60 s\n" + foreground.Output);
            Seed(port, 10);
            AssertSeeded(port, 10);
            // A client command's process where the target has no native client: the launcher DLL, precompiled too, and
            // its control client uses libc's socket calls, not System.Net.Sockets (whose first socket costs a command
            // ~20 ms of CPU: its engine, thread and JIT work).
            var pingLog = Path.Combine(node.Root, "jit-ping.txt");
            var ping = node.Run(JitList.Environment(pingLog, ("RELTOOL_NATIVE_CLIENT", "0")), "ping");
            Assert.True(ping.ExitCode == 0, ping.ToString());
            var pingCompiled = File.ReadAllLines(pingLog);
            Assert.NotEmpty(pingCompiled); // the runtime's own start-up compiles a few methods: the list is real
            Assert.DoesNotContain(pingCompiled, line => line.Contains("JIT compiled RelTool.", StringComparison.Ordinal));
            Assert.DoesNotContain(pingCompiled, line => line.Contains("System.Net.Sockets", StringComparison.Ordinal));
            // Nor the BCL's vectorised code that the launcher's own set-up once reached in every process: a sort of its
            // command names in a static field (Enumerable.FillIncrementing) and a split of start_erl.data at four separator
            // characters (ProbabilisticMap): ~5 ms of each node start and command (docs/benchmarks.md).
            Assert.DoesNotContain(pingCompiled, line => line.Contains("FillIncrementing", StringComparison.Ordinal) || line.Contains("ProbabilisticMap", StringComparison.Ordinal));
            // Stopped only once the upgrade path's warm-up (JIT work on a thread of its own) is over: the runtime's JIT
            // log can crash the process at exit while a method is being compiled (seen 1 in 6 by hand, never without it).
            Assert.True(RealApps.WaitFor.Condition(() => foreground.Output.Contains("kv: upgrade path warmed up in ", StringComparison.Ordinal), seconds: 60),
                "the node did not say its upgrade path was warmed up within 60 s\n" + foreground.Output);
            var exitCode = await foreground.TerminateAsync();
            Assert.True(exitCode == 0, $"the node exited with {exitCode}\n{foreground.Output}");
        }

        var compiled = File.ReadAllLines(jitLog);
        // The list is real: the app's own code (in a collectible context, which never runs precompiled code) is in it.
        Assert.Contains(compiled, line => line.Contains("JIT compiled Kv.", StringComparison.Ordinal));
        Assert.DoesNotContain(compiled, line => line.Contains("JIT compiled RelTool.Boot.", StringComparison.Ordinal));
    }

    [Fact]
    public void Upgrade_and_downgrade_commands_compile_nothing_of_the_launcher_nor_generic_code_over_its_types()
    {
        // The commands run precompiled code; the BCL's generic code over a value type of ours is not precompiled (a
        // Dictionary<Term, TermPosition> while TermPosition was a struct was compiled by every command that read a
        // manifest). What the runtime still compiles is its own: tar header parsing, recursive delete, vector code.
        // Run by the launcher DLL (RELTOOL_NATIVE_CLIENT=0), as on targets without the native client.
        var (node, _) = StartNode();
        using var _ = node;
        CopyUpgradeTarball(node);
        foreach (var (command, version) in new[] { ("upgrade", "0.2.0"), ("downgrade", "0.1.0") })
        {
            var log = Path.Combine(node.Root, $"jit-{command}.txt");
            var result = node.Run(JitList.Environment(log, ("RELTOOL_NATIVE_CLIENT", "0")), command, version);
            Assert.True(result.ExitCode == 0, result.ToString());
            var compiled = File.ReadAllLines(log);
            Assert.NotEmpty(compiled); // the runtime's own start-up compiles a few methods: the list is real
            Assert.DoesNotContain(compiled, line => line.Contains("RelTool.", StringComparison.Ordinal));
        }
    }

    [PrecompiledLauncherFact]
    public void Commands_that_run_no_app_code_run_the_native_client_and_start_no_runtime()
    {
        // The tool built on linux-x64 carries the launcher compiled ahead of time for that target; the release names it in
        // client.args and bin/kv runs it for every command but foreground, eval and describe: no runtime starts for them.
        var (node, _) = StartNode();
        using var _ = node;
        var client = Path.Combine(node.Root, "lib", "RelTool.Boot-0.1.0", ReleaseLayout.LauncherClientFileName);
        Assert.Equal(HostArgs.FormatClient("lib/RelTool.Boot-0.1.0"), File.ReadAllText(Path.Combine(node.Root, "releases", "0.1.0", ReleaseLayout.ClientArgsFileName)));
        Assert.Equal("\u007fELF", Encoding.ASCII.GetString(File.ReadAllBytes(client), 0, 4));
        Assert.True(File.GetUnixFileMode(client).HasFlag(UnixFileMode.OtherExecute), $"{client} is not executable");

        // The runtime writes this list whenever it starts (the tests above read it): none is written, yet ping answers.
        var log = Path.Combine(node.Root, "jit-native.txt");
        var jitLog = JitList.Environment(log);
        var ping = node.Run(jitLog, "ping");
        Assert.Equal((0, "pong\n"), (ping.ExitCode, ping.Stdout));
        Assert.False(File.Exists(log), "ping started a runtime");
        CopyUpgradeTarball(node);
        var upgrade = node.Run(jitLog, "upgrade", "0.2.0");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("kv 0.2.0 is permanent", upgrade.Stdout);
        Assert.False(File.Exists(log), "upgrade started a runtime");
        // bin/kv found out once that the client runs here: the file it left is the launcher lib dir's, which 0.2.0 shares,
        // so 0.2.0's commands find it (no file of 0.2.0's own after its first one).
        Assert.Equal([Path.Combine(node.Tree.TmpDir, "client-ok.RelTool.Boot-0.1.0")], Directory.GetFiles(node.Tree.TmpDir, "client-ok.*"));
        Assert.Equal("pong\n", node.Run("ping").Stdout);
        Assert.Equal([Path.Combine(node.Tree.TmpDir, "client-ok.RelTool.Boot-0.1.0")], Directory.GetFiles(node.Tree.TmpDir, "client-ok.*"));

        // It cannot load the release's code: run by hand with foreground, it says so and where to go instead.
        var foreground = LauncherRun.RunExecutable(client, ["--root", node.Root, "foreground"]);
        Assert.True(foreground.ExitCode == 2, foreground.ToString());
        Assert.Contains("'foreground' runs the release's code, which the launcher's native client cannot load: run it with " + Path.Combine(node.Root, "bin", "kv"), foreground.Stderr);
    }

    [Fact]
    public void A_node_whose_release_lost_its_RelTool_Runtime_names_the_missing_file()
    {
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", []);
        var runtime = Path.Combine(node.Root, "lib", "RelTool.Runtime-0.1.0", "RelTool.Runtime.dll");
        File.Delete(runtime);
        var run = node.Run("foreground");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{runtime}: the release's RelTool.Runtime is missing", run.Stderr);
    }

    [Fact]
    public void Unpack_adds_the_runtime_folders_an_upgrade_tarball_brings_and_leaves_the_installed_ones_alone()
    {
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", []);
        var installed = Directory.GetDirectories(Path.Combine(node.Root, "runtime", "shared", "Microsoft.NETCore.App")).Single();
        // The upgrade tarball of a release on a newer runtime: kv's own, plus a runtime folder and hostfxr the root lacks,
        // plus a file in the runtime folder that is already installed (which must not be written).
        var staged = Directory.CreateTempSubdirectory("reltool-runtime-upgrade-").FullName;
        try
        {
            ReleaseArchive.Extract(fixture.UpgradeTarball, staged);
            var newRuntime = Path.Combine(staged, "runtime", "shared", "Microsoft.NETCore.App", "10.99.0");
            Directory.CreateDirectory(newRuntime);
            File.WriteAllText(Path.Combine(newRuntime, "marker.txt"), "new runtime\n");
            Directory.CreateDirectory(Path.Combine(staged, "runtime", "host", "fxr", "10.99.0"));
            File.WriteAllText(Path.Combine(staged, "runtime", "host", "fxr", "10.99.0", "marker.txt"), "new fxr\n");
            var intoInstalled = Path.Combine(staged, "runtime", "shared", "Microsoft.NETCore.App", Path.GetFileName(installed));
            Directory.CreateDirectory(intoInstalled);
            File.WriteAllText(Path.Combine(intoInstalled, "not-for-an-installed-runtime.txt"), "x\n");
            Directory.CreateDirectory(Path.Combine(node.Root, "releases", "0.2.0"));
            ReleaseArchive.Write(staged, Path.Combine(node.Root, "releases", "0.2.0", "kv-from-0.1.0.tar.gz"));
        }
        finally
        {
            Directory.Delete(staged, recursive: true);
        }

        var unpack = node.Run("unpack", "0.2.0");

        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        Assert.Contains("new runtime folders: runtime/host/fxr/10.99.0 runtime/shared/Microsoft.NETCore.App/10.99.0", unpack.Stdout);
        Assert.Equal("new runtime\n", File.ReadAllText(Path.Combine(node.Root, "runtime", "shared", "Microsoft.NETCore.App", "10.99.0", "marker.txt")));
        Assert.True(File.Exists(Path.Combine(node.Root, "runtime", "host", "fxr", "10.99.0", "marker.txt")));
        Assert.False(File.Exists(Path.Combine(installed, "not-for-an-installed-runtime.txt")));
    }

    [Fact]
    public void The_release_handler_commands_refuse_a_wrong_cookie()
    {
        var (node, _) = StartNode();
        using var __ = node;
        CopyUpgradeTarball(node);
        Assert.Equal(0, node.Run("unpack", "0.2.0").ExitCode);
        var socket = RawControl.SocketPath(node.Tree);
        var cookie = File.ReadAllText(node.Tree.CookieFile).Trim();
        Assert.StartsWith("error denied", RawControl.Send(socket, $"reltool-control/1 NOT{cookie}\ninstall 0.2.0\n"));
        Assert.StartsWith("error bad-request", RawControl.Send(socket, "install 0.2.0\n"));
        Assert.Contains("kv 0.1.0 permanent current,running", node.Versions());

        // A launcher holding another cookie cannot install, make permanent or downgrade either.
        File.SetUnixFileMode(node.Tree.CookieFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(node.Tree.CookieFile, "WRONGCOOKIE");
        foreach (var command in new[] { "install", "upgrade", "make_permanent", "downgrade" })
        {
            var refused = node.Run(command, "0.2.0");
            Assert.True(refused.ExitCode == 1, $"{command}: {refused}");
            Assert.Contains("denied", refused.Stderr);
        }
        File.WriteAllText(node.Tree.CookieFile, cookie);
        Assert.Contains("kv 0.1.0 permanent current,running", node.Versions());
    }
}
