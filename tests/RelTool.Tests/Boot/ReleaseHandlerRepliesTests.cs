using System.Runtime.Versioning;
using RelTool.Boot.Control;
using RelTool.Boot.ReleaseHandler;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Boot;

/// <summary>The release handler's control messages survive the wire (control protocol v1) as the records they were.</summary>
[UnsupportedOSPlatform("windows")] // as the launcher (src/RelTool.Boot/Properties.cs)
public class ReleaseHandlerRepliesTests
{
    private static ControlReply OverTheWire(ControlReply reply) => ControlProtocol.ParseReply(ControlProtocol.FormatReply(reply));

    private static IReadOnlyList<string> ArgsOverTheWire(IReadOnlyList<string> args)
    {
        var request = ControlProtocol.FormatRequest("cookie", OverlapRequest.Command, args);
        return ControlProtocol.ParseCommandLine(request.Split('\n')[1]).Args;
    }

    [Fact]
    public void Each_install_reply_reads_back_as_the_same_status_with_its_fields()
    {
        var installed = Assert.IsType<InstallReply.Installed>(InstallReply.From(OverTheWire(
            new InstallReply.Installed(["installed 0.2.0 from 0.1.0", "pause Kv 0.812 ms (1 servers)"]).ToControlReply())));
        Assert.Equal(["installed 0.2.0 from 0.1.0", "pause Kv 0.812 ms (1 servers)"], installed.Report);

        Assert.Equal(new InstallReply.NeedsRestart("releases/0.2.0/relup restarts the runtime"),
            InstallReply.From(OverTheWire(new InstallReply.NeedsRestart("releases/0.2.0/relup restarts the runtime").ToControlReply())));
        Assert.Equal(new InstallReply.Failed("failed", "install of 0.2.0 failed before the point of no return; nothing changed: boom"),
            InstallReply.From(OverTheWire(new InstallReply.Failed("failed", "install of 0.2.0 failed before the point of no return; nothing changed: boom").ToControlReply())));
        // A multi-line exception message is one line on the wire; the status does not depend on the text.
        Assert.Equal(new InstallReply.RestartingIntoPermanent("failed after the point of no return: a b"),
            InstallReply.From(OverTheWire(new InstallReply.RestartingIntoPermanent("failed after the point of no return: a\nb").ToControlReply())));
    }

    [Fact]
    public void A_refused_or_broken_install_request_is_a_failure_of_its_kind()
    {
        Assert.Equal(new InstallReply.Failed("denied", "wrong cookie"), InstallReply.From(ControlReply.Error("denied", "wrong cookie")));
        Assert.Equal(new InstallReply.Failed("timeout", "the node did not answer in time"), InstallReply.From(ControlReply.Error("timeout", "the node did not answer in time")));
    }

    [Fact]
    public void An_overlap_request_reads_back_with_its_timeout_readiness_and_environment()
    {
        var request = new OverlapRequest("1.2.0", TimeSpan.FromSeconds(7.5), OverlapRequest.ReadyWhen.Settled,
            new Dictionary<string, string> { ["PORT"] = "8080", ["ARGS"] = "a=b c", ["NAME"] = "é ü" });

        var back = OverlapRequest.Parse(ArgsOverTheWire(request.ToArgs()));

        Assert.NotNull(back);
        Assert.Equal(("1.2.0", TimeSpan.FromSeconds(7.5), OverlapRequest.ReadyWhen.Settled), (back.Version, back.Timeout, back.Ready));
        Assert.Equal(request.AddedEnvironment.OrderBy(v => v.Key), back.AddedEnvironment.OrderBy(v => v.Key));
        Assert.Equal(OverlapRequest.ReadyWhen.Started,
            OverlapRequest.Parse(new OverlapRequest("1.2.0", TimeSpan.FromSeconds(60), OverlapRequest.ReadyWhen.Started, new Dictionary<string, string>()).ToArgs())!.Ready);
    }

    [Theory]
    [InlineData("1.2.0")]
    [InlineData("1.2.0 soon started")]
    [InlineData("1.2.0 60 whenever")]
    [InlineData("1.2.0 60 started !!notbase64")]
    public void A_malformed_overlap_request_is_refused(string args) => Assert.Null(OverlapRequest.Parse(args.Split(' ')));

    [Fact]
    public void Each_overlap_reply_reads_back_as_the_same_status_with_its_fields()
    {
        var tookOver = Assert.IsType<OverlapReply.TookOver>(OverlapReply.From(OverTheWire(
            new OverlapReply.TookOver(4242, ["1.2.0 (pid 4242) serves on the sockets of 1.1.0"]).ToControlReply())));
        Assert.Equal(4242, tookOver.Pid);
        Assert.Equal(["1.2.0 (pid 4242) serves on the sockets of 1.1.0"], tookOver.Report);

        Assert.Equal(new OverlapReply.CannotOverlap("the app listens on 127.0.0.1:5000 itself"),
            OverlapReply.From(OverTheWire(new OverlapReply.CannotOverlap("the app listens on 127.0.0.1:5000 itself").ToControlReply())));
        Assert.Equal(new OverlapReply.Failed("failed", "install of 1.2.0 failed, 1.1.0 keeps serving (it never stopped): x"),
            OverlapReply.From(OverTheWire(new OverlapReply.Failed("failed", "install of 1.2.0 failed, 1.1.0 keeps serving (it never stopped): x").ToControlReply())));
    }

    [Fact]
    public void A_node_that_does_not_know_overlap_is_unsupported_and_an_unexpected_ok_is_a_bad_reply()
    {
        var table = new ControlCommandTable();
        Assert.IsType<OverlapReply.Unsupported>(OverlapReply.From(OverTheWire(table.Handle(OverlapRequest.Command, []).Reply)));
        Assert.Equal("bad-reply", Assert.IsType<OverlapReply.Failed>(OverlapReply.From(ControlReply.Success("pong"))).Kind);
    }

    [Fact]
    public void A_nodes_describe_reply_reads_back_as_the_running_node()
    {
        var boot = new BootFile("kv", "0.2.0", "10.0.12", [new BootFramework("Microsoft.NETCore.App", "10.0.12")], "Kv", "lib/Kv-0.2.0/Kv.dll",
            [new BootApplication("Kv", "0.2.0", "lib/Kv-0.2.0")], [new BootAssembly("Kv", "", "lib/Kv-0.2.0/Kv.dll")], []);
        var lines = RunningNode.Describe(new ReleaseRoot("/srv/kv"), boot);
        var plain = RunningNode.Parse(OverTheWire(ControlReply.Success(lines)).Lines);
        Assert.Equal(new RunningNode(Environment.ProcessId, "0.2.0", false), plain);
        Assert.Contains("application Kv 0.2.0 lib/Kv-0.2.0", lines);
        Assert.True(RunningNode.Parse([.. lines, RunningNode.HostingRuntimeLine]).HostsRuntime);
    }
}
