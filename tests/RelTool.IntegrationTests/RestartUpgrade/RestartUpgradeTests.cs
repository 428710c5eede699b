using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace RelTool.IntegrationTests.RestartUpgrade;

/// <summary>
/// A plain ASP.NET Core app (no RelTool.Runtime) upgrades and downgrades by restart — overlapped: the old node starts the
/// other release on its listening socket and stops once that one serves; stop-then-start when the node cannot hand its
/// sockets over — with no failed request to a client that retries refused connections, and stays on the old release
/// when the new one does not come up.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RestartUpgradeTests(RestartWebReleases releases, ITestOutputHelper output) : IClassFixture<RestartWebReleases>
{
    private static readonly TimeSpan Plenty = TimeSpan.FromSeconds(30);
    private const int SlowMs = 2000;

    [Fact]
    public void Upgrade_and_downgrade_by_restart_fail_no_request_and_finish_requests_in_flight()
    {
        using var served = Serve("1.0.0", next: "1.1.0");
        var (target, client) = served;

        Move(target, client, "upgrade", from: "1.0.0", to: "1.1.0", requestInFlight: true);
        Assert.Equal(["1.0.0 old", "1.1.0 permanent current,running"], target.Versions());

        Move(target, client, "downgrade", from: "1.1.0", to: "1.0.0", requestInFlight: false);
        Assert.Equal(["1.0.0 permanent current,running", "1.1.0 old"], target.Versions());
        Assert.EndsWith(" 1.0.0", target.StartErlData);

        client.Dispose();
        Report(client);
        Assert.Empty(client.Failures);
        Assert.Equal(["1.0.0", "1.1.0", "1.0.0"], client.AnswerSequence);
        // The launcher lets framework code load the app by name (ASP.NET Core's hosting startups do): nothing failed in the nodes.
        Assert.DoesNotContain(target.Log.Split('\n'), l => l.StartsWith("crit:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal));
    }

    /// <summary>
    /// upgrade/downgrade with the client loop running; with <paramref name="requestInFlight"/>, a slow request started on
    /// the old node before must still be answered by it (the old node drains before it exits).
    /// </summary>
    private void Move(WebTarget target, HttpClientLoop client, string command, string from, string to, bool requestInFlight)
    {
        using var slowClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{target.Port}"), Timeout = Plenty };
        var slow = requestInFlight ? slowClient.GetStringAsync($"/slow?ms={SlowMs}") : null;
        if (slow is not null)
        {
            Thread.Sleep(300);
            Assert.False(slow.IsCompleted);
        }

        var windowsBefore = client.RefusedWindows.Count;
        client.ResetLongestGap();
        var clock = Stopwatch.StartNew();
        var moved = target.Run(command, to);
        output.WriteLine($"{command} {to}{(slow is null ? "" : $" (a {SlowMs} ms request in flight)")}: {clock.Elapsed.TotalSeconds:0.00} s\n{moved.Stdout}{moved.Stderr}");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        if (slow is not null) Assert.Equal(from, slow.GetAwaiter().GetResult());
        Assert.Equal(to, target.Get("/version"));
        // The node started by the upgrade runs in the root, with its own lib dir as the content root.
        Assert.Equal($"{target.Root} {Path.Combine(target.Root, "lib", "RestartWeb-" + to)}", target.Get("/where"));
        client.WaitForMore(20, Plenty);
        output.WriteLine($"during {command}: refused {Windows(client.RefusedWindows.Skip(windowsBefore))}; longest time without an answer {client.LongestGap.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData("crash", "RestartWeb 1.2.0 refuses to start")]
    [InlineData("hang", "the app's host did not report started (ApplicationStarted) within 5 s")]
    [InlineData("unhealthy", "http://127.0.0.1:{port}/healthz did not answer within 15 s (HTTP 503)")]
    [InlineData("elsewhere", "1.2.0 does not listen on 127.0.0.1:{port}, where 1.1.0 serves (it listens on 127.0.0.1:{other}); to move the service to another address, stop 1.1.0 and start 1.2.0")]
    public void A_release_that_does_not_come_up_is_rolled_back_and_the_old_one_serves_again(string failure, string reason)
    {
        // 5 s for the release that never starts; the unhealthy one must start within the timeout (slow on a loaded machine) before its health URL fails.
        using var served = Serve("1.1.0", next: "1.2.0");
        var (target, client) = served;

        var windowsBefore = client.RefusedWindows.Count;
        client.ResetLongestGap();
        var clock = Stopwatch.StartNew();
        var other = Boot.Posix.FreeLoopbackPort();
        var upgrade = target.Run(new Dictionary<string, string>
        {
            [RestartWebReleases.FailureVariable] = failure,
            ["RESTART_WEB_ELSEWHERE_PORT"] = other.ToString(CultureInfo.InvariantCulture),
        }, "upgrade", "1.2.0", "--timeout", failure == "unhealthy" ? "15" : "5");
        output.WriteLine($"upgrade 1.2.0 ({failure}): {clock.Elapsed.TotalSeconds:0.00} s, exit {upgrade.ExitCode}\n{upgrade.Stdout}{upgrade.Stderr}");

        Assert.Equal(1, upgrade.ExitCode);
        // A release that does not start, or is not healthy (its health URL is probed on its private listener before
        // the take-over), never took over: the old node kept serving.
        Assert.Contains("install of 1.2.0 failed, 1.1.0 keeps serving (it never stopped): ", upgrade.Stderr);
        Assert.Empty(client.RefusedWindows.Skip(windowsBefore));
        Assert.Contains(reason.Replace("{port}", target.Port.ToString(CultureInfo.InvariantCulture)).Replace("{other}", other.ToString(CultureInfo.InvariantCulture)), upgrade.Stderr);
        Assert.Equal("1.1.0", target.Get("/version"));
        client.WaitForMore(20, Plenty);
        output.WriteLine($"during the failed upgrade: refused {Windows(client.RefusedWindows.Skip(windowsBefore))}; longest time without an answer {client.LongestGap.TotalMilliseconds:0} ms");
        Assert.Equal(["1.1.0 permanent current,running", "1.2.0 unpacked"], target.Versions());
        Assert.EndsWith(" 1.1.0", target.StartErlData);

        client.Dispose();
        Report(client);
        Assert.Empty(client.Failures);
        // Not one client request reached 1.2.0, not even the unhealthy one's (it listened privately until it gave up).
        Assert.Equal(["1.1.0"], client.AnswerSequence);
    }

    [Fact]
    public void A_release_unhealthy_only_once_it_took_over_hands_the_port_back_to_the_old_release()
    {
        using var served = Serve("1.1.0", next: "1.2.0");
        var (target, client) = served;
        var windowsBefore = client.RefusedWindows.Count;

        var upgrade = target.Run(new Dictionary<string, string> { [RestartWebReleases.FailureVariable] = "unhealthy-public" }, "upgrade", "1.2.0", "--timeout", "15");
        output.WriteLine($"upgrade 1.2.0 (unhealthy-public): exit {upgrade.ExitCode}\n{upgrade.Stdout}{upgrade.Stderr}");

        // Healthy on its private listener, so 1.2.0 took over; its health URL then failed on the port, and it handed the
        // sockets back to a new node of 1.1.0 the same overlapped way: the port never closed.
        Assert.Equal(1, upgrade.ExitCode);
        Assert.Contains("1.2.0 is not healthy; going back to 1.1.0", upgrade.Stderr);
        Assert.Contains($"install of 1.2.0 failed, 1.1.0 runs again: http://127.0.0.1:{target.Port.ToString(CultureInfo.InvariantCulture)}/healthz did not answer within 15 s (HTTP 503)", upgrade.Stderr);
        Assert.Equal("1.1.0", target.Get("/version"));
        client.WaitForMore(20, Plenty);
        Assert.Empty(client.RefusedWindows.Skip(windowsBefore));
        Assert.EndsWith(" 1.1.0", target.StartErlData);
        client.Dispose();
        Report(client);
        Assert.Empty(client.Failures);
        // Clients were served by 1.2.0 between its take-over and the hand-back (its app answered; only its health URL failed).
        Assert.Equal("1.1.0", client.AnswerSequence[0]);
        Assert.Contains("1.2.0", client.AnswerSequence);
        Assert.Equal("1.1.0", client.AnswerSequence[^1]);
    }

    [Fact]
    public void Upgrade_and_downgrade_start_each_release_with_the_arguments_and_environment_the_old_node_was_started_with()
    {
        using var target = new WebTarget(releases.FullTarball("1.1.0"), "1.1.0", "--marker=given-to-start");
        Assert.Equal("--marker=given-to-start", target.Get("/args"));
        target.Deliver(releases.UpgradeTarball("1.2.0", from: "1.1.0"), "1.2.0");

        // PORT (what the app listens on, and ${PORT} in its health_url) is not in the operator's environment.
        var upgrade = target.RunWithoutNodeEnvironment("upgrade", "1.2.0", "--timeout", "20");
        Assert.True(upgrade.ExitCode == 0, upgrade + target.Log);
        Assert.Contains($"ready when http://127.0.0.1:{target.Port}/healthz", upgrade.Stdout);
        Assert.Equal("1.2.0", target.Get("/version"));
        Assert.Equal("--marker=given-to-start", target.Get("/args"));

        var downgrade = target.RunWithoutNodeEnvironment("downgrade", "1.1.0", "--timeout", "20");
        Assert.True(downgrade.ExitCode == 0, downgrade + target.Log);
        Assert.Equal("1.1.0", target.Get("/version"));
        Assert.Equal("--marker=given-to-start", target.Get("/args"));
    }

    [Fact]
    public void A_failed_upgrade_run_without_the_nodes_environment_still_brings_the_old_release_back_on_its_port()
    {
        using var target = new WebTarget(releases.FullTarball("1.1.0"), "1.1.0");
        target.Deliver(releases.UpgradeTarball("1.2.0", from: "1.1.0"), "1.2.0");

        // Variables only the operator has are added to the node's: here the one that makes 1.2.0 crash at start.
        var upgrade = target.RunWithoutNodeEnvironment(new Dictionary<string, string> { [RestartWebReleases.FailureVariable] = "crash" }, "upgrade", "1.2.0", "--timeout", "10");

        Assert.Equal(1, upgrade.ExitCode);
        Assert.Contains("install of 1.2.0 failed, 1.1.0 keeps serving (it never stopped): ", upgrade.Stderr);
        Assert.Contains("RestartWeb 1.2.0 refuses to start", upgrade.Stderr);
        Assert.Equal("1.1.0", target.Get("/version"));
    }

    [Fact]
    public void A_health_url_naming_an_unset_variable_fails_before_the_old_node_is_stopped()
    {
        using var target = new WebTarget(releases.FullTarball("1.1.0"), "1.1.0");
        var pid = target.Run("pid").Stdout.Trim();
        target.Deliver(releases.UpgradeTarball("1.2.0", from: "1.1.0"), "1.2.0");

        var upgrade = target.Run(new Dictionary<string, string> { ["RELTOOL_HEALTH_URL"] = "http://127.0.0.1:${RESTART_WEB_UNSET}/healthz" }, "upgrade", "1.2.0");

        Assert.Equal(1, upgrade.ExitCode);
        Assert.Contains("the health URL http://127.0.0.1:${RESTART_WEB_UNSET}/healthz (from RELTOOL_HEALTH_URL) needs ${RESTART_WEB_UNSET}, which is not set", upgrade.Stderr);
        Assert.Equal(pid, target.Run("pid").Stdout.Trim());
        Assert.Equal("1.1.0", target.Get("/version"));
        Assert.Equal(["1.1.0 permanent current,running", "1.2.0 unpacked"], target.Versions());
    }

    [Fact]
    public void An_app_with_a_listener_of_its_own_is_installed_by_stop_then_start_and_says_why()
    {
        // The node was started with the variable, so the app opened a listener Kestrel did not create.
        using var own = new WebTarget(releases.FullTarball("1.1.0"), "1.1.0", new Dictionary<string, string> { ["RESTART_WEB_OWN_LISTENER"] = "1" });
        own.Deliver(releases.UpgradeTarball("1.2.0", from: "1.1.0"), "1.2.0");

        var upgrade = own.Run("upgrade", "1.2.0", "--timeout", "20");
        output.WriteLine(upgrade.ToString());
        Assert.True(upgrade.ExitCode == 0, upgrade + own.Log);
        Assert.Matches(@"cannot install 1\.2\.0 by overlapped restart: the app listens on 127\.0\.0\.1:\d+ itself \(not through Kestrel\); the node cannot hand that over; installing by stop-then-start instead", upgrade.Stderr);
        Assert.Contains("installed 1.2.0 from 1.1.0 (restart)", upgrade.Stdout);
        Assert.Equal("1.2.0", own.Get("/version"));
    }

    /// <summary>A node of <paramref name="version"/> with a client loop answered, and <paramref name="next"/>'s upgrade tarball delivered.</summary>
    private Served Serve(string version, string next)
    {
        var target = new WebTarget(releases.FullTarball(version), version);
        HttpClientLoop? client = null;
        try
        {
            client = new HttpClientLoop(target.Port);
            client.WaitForMore(20, Plenty);
            target.Deliver(releases.UpgradeTarball(next, from: version), next);
            return new Served(target, client);
        }
        catch
        {
            client?.Dispose();
            target.Dispose();
            throw;
        }
    }

    private sealed record Served(WebTarget Target, HttpClientLoop Client) : IDisposable
    {
        public void Dispose()
        {
            Client.Dispose();
            Target.Dispose();
        }
    }

    private void Report(HttpClientLoop client) =>
        output.WriteLine($"client: {client.Answered} answered, {client.Refusals} refused connections retried, all refused windows: " +
                         $"{Windows(client.RefusedWindows)}; failures: {client.Failures.Count}" + string.Concat(client.Failures.Select(f => "\n  " + f)));

    private static string Windows(IEnumerable<TimeSpan> windows) =>
        windows.Any() ? string.Join(", ", windows.Select(w => $"{w.TotalMilliseconds:0} ms")) : "none";
}
