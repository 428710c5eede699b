using System.Diagnostics;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Production;

/// <summary>The node under systemd: sd_notify to a fake NOTIFY_SOCKET, and the unit `systemd-unit` prints.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(ProductionWebApi.Collection)]
public sealed class SystemdTests(ProductionWebApi webApi)
{
    [Fact]
    public async Task The_node_notifies_ready_once_the_stock_webapi_serves_pings_the_watchdog_and_notifies_stopping()
    {
        var tree = webApi.InstallFresh("notify");
        using var notify = new FakeNotifySocket();
        var port = Posix.FreeLoopbackPort();
        using var node = new ForegroundNode(tree, UnderSystemd(notify, port));
        var ready = notify.WaitFor("READY=1", TimeSpan.FromSeconds(90));
        Assert.True(ready is not null, $"no READY=1; messages:\n{notify}");
        // READY=1 means serving: the app answers at once, without a retry.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
            Assert.Equal("1.0.0", await http.GetStringAsync($"http://127.0.0.1:{port}/version"));
        var before = notify.Messages.TakeWhile(m => !FakeNotifySocket.HasLine(m.Text, "READY=1")).ToList();
        Assert.Contains(before, m => m.Text == "STATUS=starting shop 1.0.0");
        Assert.Contains("STATUS=serving shop 1.0.0", ready!.Value.Text);

        // WATCHDOG_USEC=1 s: a ping every 0.5 s. Count over a few seconds, leniently (a loaded machine delays timers).
        Thread.Sleep(TimeSpan.FromSeconds(4));
        var pings = notify.Messages.Where(m => m.Text == "WATCHDOG=1").Select(m => m.At).ToList();
        Assert.True(pings.Count >= 4, $"{pings.Count} WATCHDOG=1 in ~4 s; messages:\n{notify}");
        var meanInterval = (pings[^1] - pings[0]) / (pings.Count - 1);
        Assert.InRange(meanInterval.TotalSeconds, 0.3, 0.9);

        var stop = LauncherRun.Run(tree, ["stop"]);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        var stopping = notify.WaitFor("STOPPING=1", TimeSpan.FromSeconds(10));
        Assert.True(stopping is not null, $"no STOPPING=1; messages:\n{notify}");
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(30)), "the node did not exit after stop\n" + node.Output);
        Assert.Equal(0, node.ExitCode);
    }

    /// <summary>
    /// systemd's socket activation, by systemd's own `systemd-socket-activate` (it listens, waits for the first
    /// connection and execs the service with LISTEN_PID/LISTEN_FDS): the node gives Kestrel the inherited socket (were
    /// it not adopted, Kestrel's own bind of the same address would fail), and an overlapped restart hands it on, so
    /// the port that systemd opened is never closed.
    /// </summary>
    [Fact]
    public async Task A_socket_activated_node_serves_on_systemds_socket_and_hands_it_on_at_restart()
    {
        const string activate = "/usr/bin/systemd-socket-activate";
        Assert.True(File.Exists(activate), $"{activate} is missing: install the systemd package (.ci/run does)");
        var tree = webApi.InstallFresh("activated");
        var port = Posix.FreeLoopbackPort();
        var start = LauncherRun.StartInfo(tree, [], new Dictionary<string, string>());
        start.FileName = activate;
        start.ArgumentList.Clear();
        foreach (var a in new[] { "-l", $"127.0.0.1:{port}", "-E", $"ASPNETCORE_URLS=http://127.0.0.1:{port}", tree.Bin, "foreground" })
            start.ArgumentList.Add(a);
        using var node = new ForegroundNode(tree, start);
        // It says so once it listens; a connection before that is refused.
        Assert.True(SpinWait.SpinUntil(() => node.Output.Contains("Listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), node.Output);
        // The first connection starts the service; it waits in the socket's queue until Kestrel serves.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) })
            Assert.Equal("1.0.0", await http.GetStringAsync($"http://127.0.0.1:{port}/version"));
        Assert.Equal(node.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), LauncherRun.Run(tree, ["pid"]).Stdout.Trim());

        using (var connects = new StockApps.ConnectLoop(port))
        {
            Assert.True(SpinWait.SpinUntil(() => connects.Connected > 20, TimeSpan.FromSeconds(10)), connects.ToString());
            var restart = LauncherRun.Run(tree, ["restart"], timeoutSeconds: 180);
            Assert.True(restart.ExitCode == 0, restart.ToString());
            Assert.Contains("by overlapped restart", restart.Stdout);
            var after = connects.Connected;
            Assert.True(SpinWait.SpinUntil(() => connects.Connected > after + 20, TimeSpan.FromSeconds(10)), connects.ToString());
            Assert.Empty(connects.Refusals);
        }
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)), "the node that handed over did not exit");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
            Assert.Equal("1.0.0", await http.GetStringAsync($"http://127.0.0.1:{port}/version"));
        var stop = LauncherRun.Run(tree, ["stop"]);
        Assert.True(stop.ExitCode == 0, stop.ToString());
    }

    /// <summary>
    /// An overlapped `restart` (the path every install by restart of a Kestrel app takes) hands the service to a node
    /// the old one started: systemd hears MAINPID=<the new node>, no STOPPING=1 from the node that handed over, and
    /// the watchdog pings go on from the new node after the old one has exited.
    /// </summary>
    [Fact]
    public async Task An_overlapped_restart_tells_systemd_the_new_main_pid_and_the_watchdog_goes_on()
    {
        var tree = webApi.InstallFresh("mainpid");
        using var notify = new FakeNotifySocket();
        var port = Posix.FreeLoopbackPort();
        using var node = new ForegroundNode(tree, UnderSystemd(notify, port));
        Assert.True(notify.WaitFor("READY=1", TimeSpan.FromSeconds(90)) is not null, $"no READY=1; messages:\n{notify}");

        var restart = LauncherRun.Run(tree, ["restart"], timeoutSeconds: 180);
        Assert.True(restart.ExitCode == 0, restart.ToString());
        var mainPid = notify.WaitFor("MAINPID=" + LauncherRun.Run(tree, ["pid"]).Stdout.Trim(), TimeSpan.FromSeconds(10));
        Assert.True(mainPid is not null, $"no MAINPID= of the new node; messages:\n{notify}");
        Assert.NotEqual(node.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), LauncherRun.Run(tree, ["pid"]).Stdout.Trim());
        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(60)), "the node that handed over did not exit");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
            Assert.Equal("1.0.0", await http.GetStringAsync($"http://127.0.0.1:{port}/version"));
        var exited = notify.Messages.Count;
        Thread.Sleep(TimeSpan.FromSeconds(3));
        Assert.True(notify.Messages.Skip(exited).Count(m => m.Text == "WATCHDOG=1") >= 3, $"the new node does not ping the watchdog; messages:\n{notify}");
        Assert.DoesNotContain(notify.Messages, m => FakeNotifySocket.HasLine(m.Text, "STOPPING=1"));

        var stop = LauncherRun.Run(tree, ["stop"]);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(notify.WaitFor("STOPPING=1", TimeSpan.FromSeconds(10)) is not null, $"no STOPPING=1 from the new node; messages:\n{notify}");
    }

    /// <summary>What systemd gives a Type=notify service with a 1 s watchdog, serving the stock webapi on <paramref name="port"/>.</summary>
    private static Dictionary<string, string> UnderSystemd(FakeNotifySocket notify, int port) => new()
    {
        ["NOTIFY_SOCKET"] = notify.Path,
        ["WATCHDOG_USEC"] = "1000000",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
    };

    [Fact]
    public void A_WATCHDOG_PID_of_another_process_gets_no_pings()
    {
        var tree = webApi.InstallFresh("watchdog-pid");
        using var notify = new FakeNotifySocket();
        var env = new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = notify.Path,
            ["WATCHDOG_USEC"] = "200000",
            ["WATCHDOG_PID"] = "1",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Posix.FreeLoopbackPort()}",
        };
        var start = LauncherRun.Run(tree, ["start"], env);
        Assert.True(start.ExitCode == 0, start.ToString());
        try
        {
            Assert.NotNull(notify.WaitFor("READY=1", TimeSpan.FromSeconds(10)));
            Thread.Sleep(TimeSpan.FromSeconds(1));
            Assert.DoesNotContain(notify.Messages, m => m.Text == "WATCHDOG=1");
        }
        finally
        {
            var stop = LauncherRun.Run(tree, ["stop"]);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }
    }

    [Fact]
    public async Task The_unit_from_systemd_unit_passes_systemd_analyze_verify()
    {
        var tree = webApi.InstallFresh("unit");
        var analyze = new[] { "/usr/bin/systemd-analyze", "/bin/systemd-analyze" }.FirstOrDefault(File.Exists);
        Assert.True(analyze is not null, "systemd-analyze is missing: install Debian's systemd package (.ci/run does)");

        var printed = LauncherRun.Run(tree, ["systemd-unit", "--user", Environment.UserName, "--env-file", "/etc/default/shop"]);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        var unit = printed.Stdout;
        Assert.Contains("Type=notify\n", unit);
        Assert.Contains("NotifyAccess=all\n", unit);
        Assert.Contains($"ExecStart=\"{tree.Bin}\" foreground\n", unit);
        Assert.Contains($"User={Environment.UserName}\n", unit);
        Assert.Contains("EnvironmentFile=/etc/default/shop\n", unit);

        var dir = Directory.CreateTempSubdirectory("reltool-unit-").FullName;
        try
        {
            var file = Path.Combine(dir, "shop.service");
            File.WriteAllText(file, unit);
            var verify = new ProcessStartInfo(analyze, ["verify", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(verify)!;
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "systemd-analyze verify did not finish");
            var stdout = await stdoutTask;
            // verify exits 0 on some problems (an unknown Type=) but prints them naming the unit.
            var problems = (stdout + stderr).Split('\n').Where(l => l.Contains("shop.service", StringComparison.Ordinal)).ToList();
            Assert.True(process.ExitCode == 0 && problems.Count == 0, $"systemd-analyze verify: exit {process.ExitCode}\n{stdout}{stderr}\n--- unit\n{unit}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--user")]
    [InlineData("--env-file", "relative/shop.env")]
    public void Systemd_unit_usage_errors_exit_2(params string[] args)
    {
        var tree = webApi.InstallFresh("unit");
        var printed = LauncherRun.Run(tree, ["systemd-unit", .. args]);
        Assert.True(printed.ExitCode == 2, printed.ToString());
        Assert.Contains("systemd-unit", printed.Stderr);
        Assert.DoesNotContain("   at ", printed.Stderr);
    }
}
