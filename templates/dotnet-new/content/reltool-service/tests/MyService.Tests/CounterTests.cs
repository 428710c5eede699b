using RelTool.Runtime;

namespace MyService.Tests;

public sealed class CounterTests
{
    [Fact]
    public void Counts_each_name_on_its_own()
    {
        var counts = new Dictionary<string, long>();
        Assert.Equal("1", Counter.Handle("INC a", counts));
        Assert.Equal("2", Counter.Handle("INC a", counts));
        Assert.Equal("1", Counter.Handle("INC b", counts));
        Assert.Equal("2", Counter.Handle("GET a", counts));
        Assert.Equal("0", Counter.Handle("GET never", counts));
        Assert.StartsWith("ERROR", Counter.Handle("DEC a", counts));
    }

    [Fact]
    public async Task Answers_calls_as_a_server_on_a_node()
    {
        var node = new Node("myservice-test", "0.0.0");
        var counter = node.StartServer(new Counter(), name: Counter.Name);
        Assert.Equal("PONG", counter.Call<string>(new LineReceived(1, "PING")));
        Assert.Equal("1", counter.Call<string>(new LineReceived(1, "INC x")));
        Assert.Equal("1", counter.Call<string>(new LineReceived(2, "GET x")));
        await node.StopAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Takes_over_the_state_of_the_previous_version()
    {
        var old = new Dictionary<string, long> { ["x"] = 41 };
        var state = new Counter().CodeChange(old, new OldVsn("0.1.0", IsDowngrade: false), null);
        Assert.Equal("42", Counter.Handle("INC x", state));
        Assert.Throws<CodeChangeException>(() => new Counter().CodeChange("not a state", new OldVsn("0.1.0", IsDowngrade: false), null));
    }
}
