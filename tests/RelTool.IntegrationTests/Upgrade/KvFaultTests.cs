using System.Diagnostics;
using System.Globalization;
using System.Text;
using RelTool.Formats;
using RelTool.Formats.Archive;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// Issue 15: what operators and attackers do to an installed kv — two commands at once, kill -9 at exact steps
/// (<see cref="FaultPoint"/>), a hostile relup, partial lib dirs, another user — on the kv fixture's one build.
/// </summary>
public sealed partial class KvLiveUpgradeTests
{
    private static Dictionary<string, string> FaultAt(string step) => new() { [FaultPoint.Variable] = step };

    private static (string Runtime, string Release) StartErl(TargetNode node)
    {
        var words = File.ReadAllText(Path.Combine(node.Root, "releases", "start_erl.data")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (words[0], words[1]);
    }

    private static ReleasesFile Releases(TargetNode node) => ReleasesFile.Read(Path.Combine(node.Root, "releases", "RELEASES"));

    private static string Permanent(TargetNode node) => Releases(node).Releases.Single(r => r.Status == ReleaseStatus.Permanent).Version;

    private static void AssertNoLeftovers(TargetNode node)
    {
        Assert.Empty(Directory.GetFileSystemEntries(node.Root, ".reltool-unpack-*"));
        Assert.Empty(Directory.GetFiles(Path.Combine(node.Root, "releases"), "*.tmp"));
        Assert.False(File.Exists(Path.Combine(node.Root, "releases", ReleaseLayout.PendingFileName)));
    }

    /// <summary>Finding 1: the node must never die from a file it reads.</summary>
    [Fact]
    public void A_relup_nested_100000_deep_fails_the_install_with_file_line_and_limit_and_the_node_keeps_serving()
    {
        var (node, port) = StartNode();
        using var _ = node;
        Seed(port, 10);
        CopyUpgradeTarball(node);
        var unpack = node.Run("unpack", "0.2.0");
        Assert.True(unpack.ExitCode == 0, unpack.ToString());
        var relup = Path.Combine(node.Root, "releases", "0.2.0", "relup");
        File.WriteAllText(relup, "%% coding: utf-8\n{\"0.2.0\",[{\"0.1.0\",[]," + new string('[', 100_000) + new string(']', 100_000) + "}],[]}.\n");

        var install = node.Run("install", "0.2.0");

        Assert.True(install.ExitCode == 1, install.ToString());
        Assert.Contains($"{relup}:2:", install.Stderr);
        Assert.Contains("nested deeper than 1000 levels", install.Stderr);
        Assert.DoesNotContain("   at ", install.Stderr + install.Stdout);
        Assert.Equal("pong", node.Run("ping").Stdout.Trim());
        AssertSeeded(port, 10);
    }

    /// <summary>Finding 1, CLI side: inspect of a tarball holding that relup reports it (it aborted with exit 134).</summary>
    [Fact]
    public void Inspect_of_a_tarball_with_a_relup_nested_100000_deep_reports_it_and_exits_1()
    {
        var dir = Directory.CreateTempSubdirectory("reltool-deep-relup-").FullName;
        try
        {
            var tree = Path.Combine(dir, "tree");
            ReleaseArchive.Extract(fixture.UpgradeTarball, tree);
            File.WriteAllText(Path.Combine(tree, "releases", "0.2.0", "relup"), "%% coding: utf-8\n{\"0.2.0\",[{\"0.1.0\",[]," + new string('[', 100_000) + new string(']', 100_000) + "}],[]}.\n");
            var tarball = Path.Combine(dir, "kv-from-0.1.0.tar.gz");
            ReleaseArchive.Write(tree, tarball);

            var inspect = ReltoolProcess.Run(dir, "inspect", tarball);

            Assert.True(inspect.ExitCode == 1, inspect.ToString());
            Assert.Contains("nested deeper than 1000 levels", inspect.Stdout + inspect.Stderr);
            Assert.DoesNotContain("   at ", inspect.Stderr);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Finding 2: a second command while one holds the root's lock is refused naming the holder; two upgrades
    /// at once leave one RELEASES entry per release and start_erl.data agreeing with it.</summary>
    [Fact]
    public async Task A_second_release_handler_command_is_refused_naming_the_holder_and_two_upgrades_at_once_never_corrupt_RELEASES()
    {
        var (node, _) = StartNode();
        using var _ = node;
        CopyUpgradeTarball(node);
        var lockPath = Path.Combine(node.Root, "releases", ".lock");
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            File.WriteAllText(lockPath + ".holder", "4242 upgrade\n");
            var refused = node.Run("upgrade", "0.2.0");
            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("pid 4242 (upgrade)", refused.Stderr);
            Assert.Equal(["0.1.0"], Releases(node).Releases.Select(r => r.Version));
        }

        var both = new[] { "upgrade", "upgrade" }.Select(c => Task.Run(() => node.Run(c, "0.2.0"))).ToArray();
        var results = await Task.WhenAll(both);
        Assert.Contains(results, r => r.ExitCode == 0);
        Assert.All(results, r => Assert.True(r.ExitCode == 0 || r.Stderr.Contains("another command is changing this release root", StringComparison.Ordinal), r.ToString()));
        Assert.Equal(["0.2.0", "0.1.0"], Releases(node).Releases.Select(r => r.Version));
        Assert.Equal(("0.2.0", "0.2.0"), (Permanent(node), StartErl(node).Release));
        Assert.True(node.Run("downgrade", "0.1.0").ExitCode == 0);
        Assert.Equal(("0.1.0", "0.1.0"), (Permanent(node), StartErl(node).Release));
    }

    /// <summary>Finding 4: a lib dir an unpack killed before it registered the release is replaced, never trusted; a
    /// kill while moving the new lib dirs in leaves whole ones only, and the retry completes.</summary>
    [Fact]
    public void A_partial_lib_dir_left_by_a_killed_unpack_is_replaced_and_a_killed_unpack_is_retried()
    {
        var (node, port) = StartNode();
        using var _ = node;
        Seed(port, 10);
        CopyUpgradeTarball(node);
        // What main left after kill -9 at the third rename: lib/Kv-0.2.0 with only its manifests, and the staging folder.
        var partial = Directory.CreateDirectory(Path.Combine(node.Root, "lib", "Kv-0.2.0")).FullName;
        var staged = Directory.CreateTempSubdirectory("reltool-kv-staged-").FullName;
        try
        {
            ReleaseArchive.Extract(fixture.UpgradeTarball, staged);
            foreach (var file in new[] { "Kv.app", "Kv.appup" }) File.Copy(Path.Combine(staged, "lib", "Kv-0.2.0", file), Path.Combine(partial, file));
        }
        finally { Directory.Delete(staged, recursive: true); }
        Directory.CreateDirectory(Path.Combine(node.Root, ".reltool-unpack-0123456789abcdef0123456789abcdef", "lib"));

        var killed = node.Run(FaultAt("extract:directory-moved"), "unpack", "0.2.0");
        Assert.True(killed.ExitCode == 137, killed.ToString());
        Assert.Equal(["0.1.0"], Releases(node).Releases.Select(r => r.Version));

        var upgrade = node.Run("upgrade", "0.2.0");

        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("Kv-0.2.0", upgrade.Stdout);
        Assert.True(File.Exists(Path.Combine(partial, "Kv.dll")));
        Assert.Equal("0.2.0", Permanent(node));
        AssertSeeded(port, 10);
        AssertNoLeftovers(node);
    }

    /// <summary>Finding 7: an immutable releases/ (chattr +i) fails the upgrade with a message, not a stack trace;
    /// nothing changes, the node keeps serving, and once the folder is writable again the same upgrade goes through.</summary>
    [RootFact]
    public void An_immutable_releases_folder_fails_the_upgrade_with_a_message_and_the_node_keeps_serving()
    {
        var (node, port) = StartNode();
        using var _ = node;
        Seed(port, 10);
        CopyUpgradeTarball(node);
        var releases = Path.Combine(node.Root, "releases");
        var before = File.ReadAllText(Path.Combine(releases, "RELEASES"));
        RootFactAttribute.Run("chattr", "+i", releases);
        try
        {
            var refused = node.Run("upgrade", "0.2.0");

            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.DoesNotContain("   at ", refused.Stderr);
            Assert.Contains("releases", refused.Stderr);
            Assert.Equal(before, File.ReadAllText(Path.Combine(releases, "RELEASES")));
            AssertSeeded(port, 10);
        }
        finally
        {
            RootFactAttribute.Run("chattr", "-i", releases);
        }

        var upgrade = node.Run("upgrade", "0.2.0");
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Equal("0.2.0", Permanent(node));
        AssertSeeded(port, 10);
    }

    /// <summary>Finding 5: kill -9 of upgrade between the RELEASES and start_erl.data renames (and just before them):
    /// the next command completes the change, so the next start boots the release RELEASES calls permanent.</summary>
    [Theory]
    [InlineData("release-state:recorded")]
    [InlineData("release-state:releases-written")]
    public void A_kill_between_the_renames_of_make_permanent_is_completed_by_the_next_command(string step)
    {
        var (node, _) = StartNode();
        using var _ = node;
        CopyUpgradeTarball(node);

        var killed = node.Run(FaultAt(step), "upgrade", "0.2.0");
        Assert.True(killed.ExitCode == 137, killed.ToString());
        Assert.True(File.Exists(Path.Combine(node.Root, "releases", ReleaseLayout.PendingFileName)));

        Assert.Equal(0, node.Run("stop").ExitCode);
        var start = node.Run("start");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("kv 0.2.0 started", start.Stdout);
        Assert.Equal(("0.2.0", "0.2.0"), (Permanent(node), StartErl(node).Release));
        Assert.Equal(["0.2.0", "0.1.0"], Releases(node).Releases.Select(r => r.Version));
        AssertNoLeftovers(node);
    }

    /// <summary>Finding 6: two starts at once give one node and one "already running".</summary>
    [Fact]
    public async Task Two_starts_at_once_give_one_node_and_one_already_running()
    {
        var port = Posix.FreeLoopbackPort();
        using var node = new TargetNode(fixture.FirstTarball, "kv", "0.1.0", new Dictionary<string, string> { ["KV_PORT"] = port.ToString(CultureInfo.InvariantCulture) });

        var starts = Enumerable.Range(0, 2).Select(_ => Task.Run(() => node.Run("start"))).ToArray();
        var results = (await Task.WhenAll(starts)).OrderBy(r => r.ExitCode).ToList();
        Assert.True(results[0].ExitCode == 0 && results[1].ExitCode == 4, string.Join("\n", results));
        Assert.Contains("is already running (pid", results[1].Stderr);
        var pid = node.Run("pid").Stdout.Trim();
        Assert.Contains($"(pid {pid})", results[0].Stdout);
        Assert.Single(ProcessTable.StartedFrom(node.Root), p => ProcessTable.CommandLine(p).Contains("foreground", StringComparison.Ordinal));
    }

    /// <summary>Finding 7 and 8: another user gets messages, not traces (versions and describe need no cookie); a
    /// deleted cookie is not "not running"; the log is 0640 in a 0750 log/.</summary>
    [Fact]
    public void Another_user_and_a_missing_cookie_get_messages_and_the_log_is_private()
    {
        var (node, _) = StartNode();
        using var _ = node;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(node.Tree.LogFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            File.GetUnixFileMode(Path.GetDirectoryName(node.Tree.LogFile)!));

        if (Environment.UserName == "root")
        {
            // The temp root is 0700; another user must be able to reach bin/ and releases/ as on an /opt install.
            File.SetUnixFileMode(node.Root, (UnixFileMode)0b111_101_101);
            foreach (var command in new[] { "ping", "pid", "stop" })
            {
                var asNobody = RunAs(node, 65534, command);
                Assert.True(asNobody.ExitCode == 1, $"{command}: {asNobody}");
                Assert.Contains("COOKIE cannot be read by this user (permission denied)", asNobody.Stderr);
                Assert.DoesNotContain("   at ", asNobody.Stderr);
            }
            foreach (var command in new[] { "versions", "describe" })
            {
                var asNobody = RunAs(node, 65534, command);
                Assert.True(asNobody.ExitCode == 0, $"{command}: {asNobody}");
                Assert.Contains("0.1.0", asNobody.Stdout);
            }
        }

        File.Move(node.Tree.CookieFile, node.Tree.CookieFile + ".away");
        var ping = node.Run("ping");
        Assert.True(ping.ExitCode == 1, ping.ToString());
        Assert.Contains("COOKIE is missing", ping.Stderr);
        File.Move(node.Tree.CookieFile + ".away", node.Tree.CookieFile);
        Assert.Equal("pong", node.Run("ping").Stdout.Trim());
    }

    private static LauncherResult RunAs(TargetNode node, int uid, string command)
    {
        var start = LauncherRun.StartInfo(node.Tree, [command]);
        start.ArgumentList.Insert(0, start.FileName);
        foreach (var a in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups" }.Reverse()) start.ArgumentList.Insert(0, a);
        start.FileName = "/usr/bin/setpriv";
        start.Environment["HOME"] = "/tmp";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new LauncherResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
