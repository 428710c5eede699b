using System.Diagnostics;

namespace RelTool.IntegrationTests.Boot;

/// <summary>What the boot host sets up for an app: arguments, base directory, entry assembly, native libraries, signals.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProbeReleaseTests(ProbeReleaseFixture fixture) : IClassFixture<ProbeReleaseFixture>, IDisposable
{
    private readonly ReleaseTree tree = fixture.Tree;

    private LauncherResult Probe(params string[] args) => LauncherRun.Run(tree, args, fixture.Env());

    /// <summary>A fresh directory outside the release to run the launcher from.</summary>
    private string CallerDir()
    {
        var dir = Path.Combine(fixture.WorkDir, "callers", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static Dictionary<string, string> Values(LauncherResult run) =>
        run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void Foreground_passes_the_arguments_after_the_separator_and_sets_up_the_app_like_its_own_host()
    {
        var caller = CallerDir();
        var run = LauncherRun.Run(tree, ["foreground", "--", "info", "a", "b c"], fixture.Env(), workingDirectory: caller);
        Assert.True(run.ExitCode == 0, run.ToString());
        var values = Values(run);
        Assert.Equal(tree.AppDir + "/", values["base"]);
        Assert.Equal("BootProbe", values["entry"]);
        Assert.Equal(Path.Combine(tree.AppDir, "BootProbe.dll"), values["entry_location"]);
        Assert.Equal("release:probe-1.0.0", values["context"]);
        Assert.Equal(caller, values["cwd"]);
        Assert.Equal($"{tree.AppDir}|{tree.AppDir}", values["contentroot"]);
        Assert.Equal("a|b c", values["args"]);
        Assert.Equal($"probe 1.0.0 {tree.Root}", values["rel"]);
        Assert.Equal("True", values["appsettings"]);
    }

    [Fact]
    public void Foreground_resolves_a_relative_path_against_the_callers_directory()
    {
        var caller = CallerDir();
        var run = LauncherRun.Run(tree, ["foreground", "--", "write", "relative.txt"], fixture.Env(), workingDirectory: caller);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(Path.Combine(caller, "relative.txt")));
        Assert.False(File.Exists(Path.Combine(tree.AppDir, "relative.txt")));
        Assert.False(File.Exists(Path.Combine(tree.Root, "relative.txt")));
    }

    [Fact]
    public void A_started_node_resolves_a_relative_path_against_the_release_root()
    {
        var written = Path.Combine(tree.Root, "written-by-node.txt");
        File.Delete(written);
        try
        {
            var start = LauncherRun.Run(tree, ["start", "--", "wait", "written-by-node.txt"], fixture.Env(("RELTOOL_SHUTDOWN_GRACE", "0")), workingDirectory: CallerDir());
            Assert.True(start.ExitCode == 0, start.ToString());
            Assert.True(RealApps.WaitFor.Condition(() => File.Exists(written), seconds: 20), File.ReadAllText(tree.LogFile));
            var stop = Probe("stop");
            Assert.True(stop.ExitCode == 0, stop.ToString());
            Assert.Equal("written by the probe\n", File.ReadAllText(written));
            Assert.False(File.Exists(Path.Combine(tree.AppDir, "written-by-node.txt")));
        }
        finally
        {
            File.Delete(written);
        }
    }

    [Fact]
    public void A_content_root_the_user_set_is_kept_and_one_inherited_from_another_node_is_replaced()
    {
        var user = Values(LauncherRun.Run(tree, ["foreground", "--", "info"], fixture.Env(("DOTNET_CONTENTROOT", fixture.WorkDir))));
        Assert.Equal($"{fixture.WorkDir}|", user["contentroot"]);

        var old = Path.Combine(tree.Root, "lib", "BootProbe-0.9.0");
        var inherited = Values(LauncherRun.Run(tree, ["foreground", "--", "info"],
            fixture.Env(("DOTNET_CONTENTROOT", old), ("ASPNETCORE_CONTENTROOT", old), ("RELTOOL_CONTENTROOT", old))));
        Assert.Equal($"{tree.AppDir}|{tree.AppDir}", inherited["contentroot"]);
    }

    [Fact]
    public void A_native_library_loads_from_native_dirs()
    {
        Assert.False(File.Exists(Path.Combine(tree.AppDir, "libprobe.so")));
        var run = Probe("foreground", "--", "native");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("native=5\n", run.Stdout);
    }

    [Fact]
    public void Foreground_exits_with_the_apps_exit_code()
    {
        Assert.Equal(7, Probe("foreground", "--", "exit", "7").ExitCode);
    }

    [Fact]
    public void Sigterm_to_an_app_without_signal_handlers_runs_its_process_exit_handlers()
    {
        using var node = Process.Start(LauncherRun.StartInfo(tree, ["foreground", "--", "wait"], fixture.Env(("RELTOOL_SHUTDOWN_GRACE", "0.5"))))!;
        try
        {
            Assert.Equal("waiting", node.StandardOutput.ReadLine());
            Assert.Equal(0, Posix.kill(node.Id, Posix.SIGTERM));
            Assert.True(node.WaitForExit(TimeSpan.FromSeconds(20)), "the node did not exit on SIGTERM");
            Assert.Equal(0, node.ExitCode);
            Assert.Contains("process-exit handler ran", node.StandardOutput.ReadToEnd());
            Assert.False(File.Exists(tree.PidFile));
        }
        finally
        {
            if (!node.HasExited) node.Kill();
        }
    }

    [Fact]
    public void Stop_kills_a_node_that_does_not_exit_in_time_and_says_so()
    {
        var start = LauncherRun.Run(tree, ["start", "--", "wait"], fixture.Env(("RELTOOL_SHUTDOWN_GRACE", "600")));
        Assert.True(start.ExitCode == 0, start.ToString());
        var pid = int.Parse(Probe("pid").Stdout.Trim());
        var stop = Probe("stop", "--timeout", "1");
        Assert.True(stop.ExitCode == 5, stop.ToString());
        Assert.Contains("killed", stop.Stderr);
        Assert.False(ProcessTable.IsAlive(pid));
    }

    [Fact]
    public void A_root_too_long_for_sun_path_gets_a_short_private_socket_dir_recorded_in_tmp()
    {
        var longRoot = Path.Combine(fixture.WorkDir, new string('r', 60), new string('o', 60), "probe");
        FileTree.Copy(tree.Root, longRoot, skip: ["tmp", "log"]);
        var moved = tree with { Root = longRoot, AppDir = Path.Combine(longRoot, "lib", "BootProbe-1.0.0") };
        try
        {
            var start = LauncherRun.Run(moved, ["start", "--", "wait"], fixture.Env(("RELTOOL_SHUTDOWN_GRACE", "0")));
            Assert.True(start.ExitCode == 0, start.ToString());
            var socket = RawControl.SocketPath(moved);
            var socketDir = Path.GetDirectoryName(socket)!;
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), "reltool-"), socket);
            Assert.Equal((UnixFileMode)0b111_000_000, Posix.Mode(socketDir));
            Assert.Equal((UnixFileMode)0b110_000_000, Posix.Mode(socket));
            Assert.Equal("pong\n", LauncherRun.Run(moved, ["ping"], fixture.Env()).Stdout);
            var stop = LauncherRun.Run(moved, ["stop"], fixture.Env());
            Assert.True(stop.ExitCode is 0, stop.ToString());
            Assert.False(Directory.Exists(socketDir));
        }
        finally
        {
            ProcessTable.KillAllFrom(longRoot);
        }
    }

    [Fact]
    public void Bin_script_finds_the_root_through_a_symlink()
    {
        var link = Path.Combine(fixture.WorkDir, "links", "probe-link");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (!File.Exists(link)) File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, tree.Bin));
        using var process = Process.Start(new ProcessStartInfo(link, ["describe"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            Environment = { ["DOTNET_ROOT"] = DotnetInstall.Root },
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains($"root: {tree.Root}\n", output);
    }

    [Fact]
    public async Task Bin_script_run_by_a_relative_path_finds_the_root_whatever_CDPATH_says()
    {
        // A CDPATH entry holding a bin/ would take a relative `cd bin/..` there, and cd prints what it found in CDPATH.
        var decoy = Path.Combine(fixture.WorkDir, "cdpath-decoy");
        Directory.CreateDirectory(Path.Combine(decoy, "bin"));
        var start = LauncherRun.StartInfo(tree, [], new Dictionary<string, string> { ["DOTNET_ROOT"] = DotnetInstall.Root, ["CDPATH"] = decoy },
            workingDirectory: tree.Root);
        start.FileName = "/bin/sh";
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"bin/{tree.Name} describe");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains($"root: {tree.Root}\n", output);
    }

    [Fact]
    public void Help_lists_the_commands_and_exit_codes_and_unknown_commands_are_usage_errors()
    {
        var help = Probe("help");
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("usage: bin/probe COMMAND", help.Stdout);
        foreach (var command in new[] { "foreground", "start", "stop", "restart", "pid", "ping", "versions", "describe" })
            Assert.Contains($"\n  {command}", help.Stdout);
        Assert.Contains("  3  the node is not running", help.Stdout);

        var unknown = Probe("fly");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: unknown command 'fly'; run help for the list\n", unknown.Stderr);
        var bogus = Probe("ping", "--bogus");
        Assert.Equal(2, bogus.ExitCode);
        Assert.Equal("error: ping: unexpected argument '--bogus'; see help\n", bogus.Stderr);
    }

    public void Dispose() => ProcessTable.KillAllFrom(tree.Root);
}
