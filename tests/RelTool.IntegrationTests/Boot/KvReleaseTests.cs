using RelTool.Formats.Layout;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.Boot;

/// <summary>samples/kv as a release with a bundled runtime, driven through bin/kv with no dotnet on PATH.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KvReleaseTests(KvReleaseFixture fixture, ITestOutputHelper output) : IClassFixture<KvReleaseFixture>, IDisposable
{
    private readonly ReleaseTree tree = fixture.Tree;
    private readonly int port = Posix.FreeLoopbackPort();

    private Dictionary<string, string> Env => new() { ["KV_PORT"] = port.ToString() };

    private LauncherResult Kv(params string[] args) => LauncherRun.Run(tree, args, Env);

    private int StartNode()
    {
        var start = Kv("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        var pid = Kv("pid");
        Assert.True(pid.ExitCode == 0, pid.ToString());
        return int.Parse(pid.Stdout.Trim());
    }

    [Fact]
    public void Commands_that_run_no_app_code_go_to_the_client_that_client_args_names_and_the_others_to_the_launcher_dll()
    {
        // A stand-in for the native client that says how bin/kv ran it.
        var fake = Path.Combine(tree.Root, "lib", "RelTool.Boot-0.1.0", "fake-client");
        File.WriteAllText(fake, "#!/bin/sh\necho \"client: $*\"\n");
        File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
        var clientArgs = Path.Combine(tree.Root, "releases", tree.Version, ReleaseLayout.ClientArgsFileName);
        File.WriteAllText(clientArgs, "lib/RelTool.Boot-0.1.0/fake-client\n");
        // Named after the launcher lib dir, which every release version built by the same reltool shares.
        var clientOk = Path.Combine(tree.TmpDir, "client-ok.RelTool.Boot-0.1.0");
        if (Directory.Exists(tree.TmpDir)) File.Delete(clientOk);
        if (Environment.UserName == "root")
        {
            // Run by another user than the root's owner (root, say, at an install), bin/kv makes no tmp/: that user would
            // own it, and the node's user could not use it. On a copy of the root without tmp/ (bin/, releases/, the
            // stand-in and an empty runtime/), owned by nobody.
            var other = Directory.CreateTempSubdirectory("reltool-other-owner-").FullName;
            try
            {
                FileTree.Copy(tree.Root, other, "tmp", "log", "lib", "runtime");
                Directory.CreateDirectory(Path.Combine(other, "runtime"));
                Directory.CreateDirectory(Path.GetDirectoryName(fake.Replace(tree.Root, other))!);
                File.Copy(fake, fake.Replace(tree.Root, other));
                Chown("65534", other);
                var ping = LauncherRun.Run(new ReleaseTree(other, tree.Name, tree.Version, Path.Combine(other, "lib")), ["ping"], Env);
                Assert.Equal($"client: --root {other} ping\n", ping.Stdout);
                Assert.False(Directory.Exists(Path.Combine(other, "tmp")), "bin/kv made tmp/ in a root another user owns");
            }
            finally
            {
                Directory.Delete(other, recursive: true);
            }
        }
        else output.WriteLine("the other-owner case needs root (chown): not run");
        try
        {
            foreach (var args in new[] { ["ping"], ["versions"], ["upgrade", "9.9.9"], ["stop", "--timeout", "5"], ["help"], new[] { "start" } })
                Assert.Equal($"client: --root {tree.Root} {string.Join(' ', args)}\n", Kv(args).Stdout);
            Assert.Equal($"client: --root {tree.Root}\n", Kv().Stdout);
            // The launcher DLL runs what loads the release's code.
            var eval = Kv("eval", "Kv.Nope.Nope");
            Assert.True(eval.ExitCode == 2 && eval.Stdout.Length == 0, eval.ToString());
            Assert.StartsWith("error: eval: no public type Kv.Nope", eval.Stderr);
            var foreground = Kv("foreground", "--bogus");
            Assert.True(foreground.ExitCode == 2 && foreground.Stdout.Length == 0, foreground.ToString());
            // The first of them found out that the client runs here and said so in tmp/ (made private when missing:
            // this test's user owns the root, as a node's does), for the next ones.
            Assert.True(File.Exists(clientOk), $"no {clientOk}");
            Assert.Equal((UnixFileMode)0b111_000_000, Posix.Mode(tree.TmpDir));
            // The operator's switch, to keep every command on the DLL.
            var dll = LauncherRun.Run(tree, ["versions"], new Dictionary<string, string> { ["RELTOOL_NATIVE_CLIENT"] = "0" });
            Assert.True(dll.ExitCode == 0 && dll.Stdout.Contains("kv 0.1.0", StringComparison.Ordinal), dll.ToString());
            // A client this host cannot run (as an older glibc's loader refuses one linked against a newer): once
            // remembered as running, bin/kv trusts it ...
            File.WriteAllText(fake, "#!/nonexistent/interpreter\n");
            var trusted = Kv("versions");
            Assert.NotEqual(0, trusted.ExitCode);
            // ... otherwise it tries it, quietly, and runs the command with the DLL; nothing is remembered.
            if (File.Exists(clientOk)) File.Delete(clientOk);
            foreach (var _ in new[] { 1, 2 })
            {
                var refused = Kv("versions");
                Assert.True(refused.ExitCode == 0 && refused.Stdout.Contains("kv 0.1.0", StringComparison.Ordinal) && refused.Stderr.Length == 0, refused.ToString());
                Assert.False(File.Exists(clientOk), $"{clientOk} written for a client that does not run");
            }
            // A client.args whose file is missing (a launcher lib dir of an older build) leaves every command to the DLL.
            File.Delete(fake);
            var versions = Kv("versions");
            Assert.True(versions.ExitCode == 0, versions.ToString());
            Assert.Contains("kv 0.1.0", versions.Stdout);
        }
        finally
        {
            File.Delete(clientArgs);
            File.Delete(fake);
            if (File.Exists(clientOk)) File.Delete(clientOk);
        }
    }

    private static void Chown(string owner, string path)
    {
        using var chown = System.Diagnostics.Process.Start("chown", [owner, path])!;
        chown.WaitForExit();
        Assert.Equal(0, chown.ExitCode);
    }

    [Fact]
    public void Start_ping_put_get_pid_stop_without_a_dotnet_on_the_host()
    {
        var start = Kv("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("kv 0.1.0 started", start.Stdout);

        var ping = Kv("ping");
        Assert.Equal((0, "pong\n"), (ping.ExitCode, ping.Stdout));

        Assert.Equal("OK", KvCall("PUT greeting hello world"));
        Assert.Equal("hello world", KvCall("GET greeting"));
        Assert.Equal("NIL", KvCall("GET missing"));

        var pidRun = Kv("pid");
        Assert.Equal(0, pidRun.ExitCode);
        var pid = int.Parse(pidRun.Stdout.Trim());
        Assert.Equal(pid, int.Parse(File.ReadAllText(tree.PidFile).Trim()));
        Assert.StartsWith(Path.Combine(tree.Root, "runtime", "dotnet") + " ", ProcessTable.CommandLine(pid));

        var again = Kv("start");
        Assert.True(again.ExitCode == 4, again.ToString());

        var stop = Kv("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(ProcessTable.IsAlive(pid));
        Assert.Empty(ProcessTable.StartedFrom(tree.Root));
        Assert.False(File.Exists(tree.PidFile));
        Assert.False(File.Exists(Path.Combine(tree.TmpDir, "control.sock")));
        Assert.Contains("kv stopped", File.ReadAllText(tree.LogFile));

        var pang = Kv("ping");
        Assert.Equal((3, "pang\n"), (pang.ExitCode, pang.Stdout));
        Assert.Equal(3, Kv("stop").ExitCode);
        Assert.Equal(3, Kv("pid").ExitCode);
    }

    [Fact]
    public void Control_files_are_private_and_a_wrong_cookie_is_refused()
    {
        StartNode();
        var socket = RawControl.SocketPath(tree);
        Assert.Equal(Path.Combine(tree.TmpDir, "control.sock"), socket);
        Assert.Equal((UnixFileMode)0b111_000_000, Posix.Mode(tree.TmpDir));
        Assert.Equal((UnixFileMode)0b110_000_000, Posix.Mode(socket));
        Assert.Equal((UnixFileMode)0b100_000_000, Posix.Mode(tree.CookieFile));

        var cookie = File.ReadAllText(tree.CookieFile).Trim();
        Assert.Equal("ok\npong\n", RawControl.Send(socket, $"reltool-control/1 {cookie}\nping\n"));
        Assert.StartsWith("error denied", RawControl.Send(socket, "reltool-control/1 NOT" + cookie + "\nping\n"));
        Assert.StartsWith("error denied", RawControl.Send(socket, "reltool-control/1 \nstop\n"));
        Assert.StartsWith("error bad-request", RawControl.Send(socket, "stop\n"));
        Assert.StartsWith("error unknown-command", RawControl.Send(socket, $"reltool-control/1 {cookie}\nfly away\n"));

        var ping = Kv("ping");
        Assert.Equal((0, "pong\n"), (ping.ExitCode, ping.Stdout));
        Assert.Equal(0, Kv("stop").ExitCode);
    }

    [Fact]
    public void Sigterm_shuts_the_app_down_cleanly()
    {
        var pid = StartNode();
        Assert.Equal("OK", KvCall("PUT k v"));
        Assert.Equal(0, Posix.kill(pid, Posix.SIGTERM));
        Assert.True(ProcessTable.WaitForExit(pid, TimeSpan.FromSeconds(20)), "the node did not exit on SIGTERM");
        var log = File.ReadAllText(tree.LogFile);
        Assert.Contains("kv received SIGTERM, shutting down", log);
        Assert.Contains("kv stopped", log);
        Assert.Contains("[reltool] kv 0.1.0 exited with code 0", log);
        Assert.False(File.Exists(tree.PidFile));
        Assert.Equal(3, Kv("ping").ExitCode);
    }

    [Fact]
    public void Versions_and_describe_read_the_release()
    {
        var versions = Kv("versions");
        Assert.Equal((0, "kv 0.1.0 permanent current\n"), (versions.ExitCode, versions.Stdout));

        var describe = Kv("describe");
        Assert.Equal(0, describe.ExitCode);
        Assert.Contains("name: kv\nversion: 0.1.0\n", describe.Stdout);
        Assert.Contains($"runtime: {DotnetInstall.RuntimeVersion} (bundled: {tree.Root}/runtime)", describe.Stdout);
        Assert.Contains($"root: {tree.Root}\n", describe.Stdout);
        Assert.Contains("  Kv 0.1.0 lib/Kv-0.1.0\n", describe.Stdout);
        Assert.Contains("status: not running", describe.Stdout);

        var pid = StartNode();
        Assert.Equal("kv 0.1.0 permanent current,running\n", Kv("versions").Stdout);
        Assert.Contains($"status: running (pid {pid})", Kv("describe").Stdout);
        Assert.Equal(0, Kv("stop").ExitCode);
    }

    [Fact]
    public void Restart_replaces_the_running_node()
    {
        var first = StartNode();
        var restart = Kv("restart");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        var second = int.Parse(Kv("pid").Stdout.Trim());
        Assert.NotEqual(first, second);
        Assert.False(ProcessTable.IsAlive(first));
        Assert.Equal("OK", KvCall("PUT after restart"));
        Assert.Equal(0, Kv("stop").ExitCode);
        Assert.Empty(ProcessTable.StartedFrom(tree.Root));
    }

    [Fact]
    public void Restart_of_a_RelTool_Runtime_app_overlaps_and_its_port_never_refuses_a_connection()
    {
        var first = StartNode();
        using (var connects = new StockApps.ConnectLoop(port))
        {
            Assert.True(SpinWait.SpinUntil(() => connects.Connected > 20, TimeSpan.FromSeconds(10)), connects.ToString());
            var restart = Kv("restart");
            Assert.True(restart.ExitCode == 0, restart + fixture.Tree.LogFile);
            Assert.Contains("by overlapped restart", restart.Stdout);
            var after = connects.Connected;
            Assert.True(SpinWait.SpinUntil(() => connects.Connected > after + 20, TimeSpan.FromSeconds(10)), connects.ToString());
            Assert.Empty(connects.Refusals);
        }
        var second = int.Parse(Kv("pid").Stdout.Trim());
        Assert.NotEqual(first, second);
        Assert.False(ProcessTable.IsAlive(first));
        Assert.Equal("OK", KvCall("PUT after overlapped restart"));
        Assert.Equal(0, Kv("stop").ExitCode);
        Assert.Empty(ProcessTable.StartedFrom(tree.Root));
    }

    [Fact]
    public void Hooks_run_around_start_and_stop_with_the_release_environment()
    {
        var record = Path.Combine(tree.Root, "hooks.out");
        Directory.CreateDirectory(tree.HooksDir);
        try
        {
            foreach (var hook in new[] { "pre_start", "post_start", "pre_stop", "post_stop" })
                File.WriteAllText(Path.Combine(tree.HooksDir, hook + ".sh"), $"echo \"{hook} $REL_NAME $REL_VSN $RELEASE_ROOT_DIR\" >> \"$RELEASE_ROOT_DIR/hooks.out\"\n");
            StartNode();
            Assert.Equal(0, Kv("stop").ExitCode);
            Assert.Equal(
                new[] { "pre_start", "post_start", "pre_stop", "post_stop" }.Select(h => $"{h} kv 0.1.0 {tree.Root}"),
                File.ReadAllLines(record));

            File.WriteAllText(Path.Combine(tree.HooksDir, "pre_start.sh"), "exit 9\n");
            var refused = Kv("start");
            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("pre_start", refused.Stderr);
            Assert.Equal(3, Kv("ping").ExitCode);
        }
        finally
        {
            Directory.Delete(tree.HooksDir, recursive: true);
            File.Delete(record);
        }
    }

    private string KvCall(string line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                using var stream = client.GetStream();
                stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return reader.ReadLine() ?? "";
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    public void Dispose() => ProcessTable.KillAllFrom(tree.Root);
}
