using System.Net;
using System.Runtime.Versioning;
using RelTool.Boot.Sockets;

namespace RelTool.Tests.Boot;

/// <summary>A successor's warm-up and health probe reach its private listener, with the service's path, scheme and query.</summary>
[UnsupportedOSPlatform("windows")] // as the launcher (src/RelTool.Boot/Properties.cs)
public class SuccessorGateTests
{
    private static SuccessorGate WithPrivates(params (string Shared, string Private)[] pairs)
    {
        var gate = new SuccessorGate();
        foreach (var (shared, own) in pairs) gate.AddPrivate(IPEndPoint.Parse(shared), IPEndPoint.Parse(own));
        return gate;
    }

    [Fact]
    public void A_url_on_a_served_port_goes_to_that_ports_private_listener()
    {
        var gate = WithPrivates(("127.0.0.1:5000", "127.0.0.1:41000"), ("0.0.0.0:5001", "127.0.0.1:41001"));
        Assert.Equal("http://127.0.0.1:41000/healthz?deep=1", gate.PrivateUrl("http://127.0.0.1:5000/healthz?deep=1"));
        Assert.Equal("https://127.0.0.1:41001/ready", gate.PrivateUrl("https://localhost:5001/ready", samePortOnly: true));
    }

    [Fact]
    public void An_ipv6_private_listener_gets_a_bracketed_host()
    {
        var gate = WithPrivates(("[::]:8080", "[::1]:42000"));
        Assert.Equal("http://[::1]:42000/", gate.PrivateUrl("http://[::1]:8080/"));
        Assert.Equal("tcp://[::1]:42000/", gate.PrivateUrl("tcp://127.0.0.1:8080"));
    }

    [Fact]
    public void A_url_on_another_port_stays_as_it_is_for_the_health_probe_and_takes_any_listener_for_the_warm_up()
    {
        var gate = WithPrivates(("127.0.0.1:5000", "127.0.0.1:41000"));
        Assert.Equal("http://127.0.0.1:9090/health", gate.PrivateUrl("http://127.0.0.1:9090/health", samePortOnly: true));
        Assert.Equal("http://127.0.0.1:41000/health", gate.PrivateUrl("http://127.0.0.1:9090/health"));
    }

    [Fact]
    public void Without_private_listeners_every_url_stays_as_it_is()
    {
        Assert.Equal("http://127.0.0.1:5000/", new SuccessorGate().PrivateUrl("http://127.0.0.1:5000/"));
        Assert.Equal("not a url", WithPrivates(("127.0.0.1:5000", "127.0.0.1:41000")).PrivateUrl("not a url"));
    }

    [Fact]
    public void Only_endpoints_it_made_count_as_private_and_opening_cancels_the_pending_accepts()
    {
        var gate = new SuccessorGate();
        var made = gate.PrivateRequest(IPEndPoint.Parse("[::]:8080"));
        Assert.Equal(IPEndPoint.Parse("[::1]:0"), made);
        Assert.True(gate.IsPrivate(made));
        Assert.False(gate.IsPrivate(IPEndPoint.Parse("[::1]:0")));
        Assert.False(gate.IsOpen);
        var opening = gate.Opening;
        gate.Open();
        Assert.True(gate.IsOpen);
        Assert.True(opening.IsCancellationRequested);
    }
}
