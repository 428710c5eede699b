using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

public sealed class NodeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_server_child_is_started_by_type_and_restarted_as_a_new_instance_after_a_crash()
    {
        var node = new Node("test", "1.0.0");
        var supervisor = Supervisor.StartOneForOne("sup", [node.ServerChild<Tally>("tally", args: 5, name: "tally")],
            new RestartIntensity(3, TimeSpan.FromSeconds(5)));
        var first = node.Registry.WhereIs("tally")!;
        Assert.Equal(6, await first.CallAsync<int>("inc"));

        await Assert.ThrowsAsync<ServerExitedException>(() => first.CallAsync<int>("crash"));
        var restarted = await WaitForRestart(node, first);
        Assert.Equal(6, await node.Registry.CallAsync<int>("tally", "inc")); // Init ran again with the spec's args

        await supervisor.StopAsync(ExitReason.Shutdown, Wait);
        Assert.False(restarted.IsAlive);
    }

    [Fact]
    public void A_server_child_spec_keeps_the_type_by_name_only()
    {
        var spec = new Node("test", "1.0.0").ServerChild<Tally>("tally");
        // A closure over the type (or a generic closure over it) would pin an old code version after an upgrade.
        var closure = spec.Start.Target!.GetType();
        Assert.False(closure.IsGenericType, closure.FullName);
        Assert.DoesNotContain(closure.GetFields(), f => f.FieldType == typeof(Type) || f.FieldType.IsAssignableTo(typeof(Server)));
        Assert.Contains(closure.GetFields(), f => f.FieldType == typeof(string) && Equals(f.GetValue(spec.Start.Target), typeof(Tally).FullName));
    }

    [Fact]
    public async Task Typed_calls_return_the_reply_or_say_which_type_it_was()
    {
        var server = new Node("test", "1.0.0").StartServer(new Tally(), 1);
        Assert.Equal(1, await server.CallAsync<int>("get"));
        Assert.Equal("one", await server.CallAsync<string>("name"));
        Assert.Null(await server.CallAsync<string?>("nothing"));
        Assert.Equal(1, server.Call<object>("get"));

        var wrongType = await Assert.ThrowsAsync<InvalidCastException>(() => server.CallAsync<int>("name"));
        Assert.Contains("System.String, not System.Int32", wrongType.Message);
        await Assert.ThrowsAsync<InvalidCastException>(() => server.CallAsync<int>("nothing"));
        Assert.True(server.IsAlive, "a reply of the wrong type is the caller's problem, not the server's");
    }

    [Fact]
    public async Task RunAsync_runs_the_application_until_cancelled_then_stops_it()
    {
        var application = new TallyApplication();
        using var cancel = new CancellationTokenSource();
        var run = Node.RunAsync(application, "tally", ["--flag"], cancel.Token);

        var node = await application.Started.Task.WaitAsync(Wait);
        Assert.Equal("tally", node.ReleaseName);
        Assert.Equal(["--flag"], application.Args);
        // Outside a release no code version is registered: the child spec resolves the type from its own assembly.
        Assert.Equal(1, await node.Registry.CallAsync<int>("tally", "inc"));
        Assert.False(run.IsCompleted);

        await cancel.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(Wait));
        Assert.True(application.Stopped);
        Assert.Null(node.Registry.WhereIs("tally"));
        Assert.True(node.Stopped.IsCompleted);
    }

    private static async Task<ServerRef> WaitForRestart(Node node, ServerRef old)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (node.Registry.WhereIs("tally") is not { } current || ReferenceEquals(current, old))
        {
            Assert.True(DateTime.UtcNow < deadline, "the child was not restarted");
            await Task.Delay(10);
        }

        return node.Registry.WhereIs("tally")!;
    }
}

/// <summary>A count that starts at its args; <c>crash</c> throws.</summary>
public sealed class Tally : Server<int>
{
    public override int Init(object? args) => args is int start ? start : 0;

    public override CallResult<int> HandleCall(object request, From from, int state) => request switch
    {
        "inc" => Reply(state + 1, state + 1),
        "get" => Reply(state, state),
        "name" => Reply("one", state),
        "nothing" => Reply(null, state),
        "crash" => throw new InvalidOperationException("crash requested"),
        _ => Reply($"unknown {request}", state),
    };
}

public sealed class TallyApplication : IApplication
{
    public TaskCompletionSource<Node> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Args { get; private set; } = [];

    public bool Stopped { get; private set; }

    public IChildProcess Start(Node node, IReadOnlyList<string> args)
    {
        Args = args;
        var supervisor = Supervisor.StartOneForOne("tally_sup", [node.ServerChild<Tally>("tally", name: "tally")]);
        Started.SetResult(node);
        return supervisor;
    }

    public void Stop(Node node) => Stopped = true;
}
