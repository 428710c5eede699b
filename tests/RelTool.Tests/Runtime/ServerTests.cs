using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

public sealed class ServerTests
{
    private readonly ServerRegistry registry = new();

    [Fact]
    public async Task Calls_casts_and_infos_are_handled_in_order_on_one_state()
    {
        var server = registry.Start(new CounterServer(), args: 10);

        Assert.Equal(11, await server.CallAsync<int>("inc"));
        Assert.True(server.Cast("inc"));
        Assert.True(server.Send(5));
        Assert.Equal(17, await server.CallAsync<int>("get"));
        Assert.Equal("from elsewhere", await server.CallAsync<string>("later"));
    }

    [Fact]
    public async Task A_call_without_reply_in_time_times_out()
    {
        var server = registry.Start(new CounterServer());

        var error = await Assert.ThrowsAsync<CallTimeoutException>(() => server.CallAsync<object?>("never", TimeSpan.FromMilliseconds(50)));

        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Equal(0, await server.CallAsync<int>("get"));
    }

    [Fact]
    public async Task A_crash_fails_the_caller_and_pending_calls_and_ends_the_server()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var server = registry.Start(new CounterServer(log), name: "c");
        await server.SuspendAsync();
        var crash = server.CallAsync<object?>("crash");
        var after = server.CallAsync<int>("get");
        await server.ResumeAsync();

        var error = await Assert.ThrowsAsync<ServerExitedException>(() => crash);
        Assert.Equal("boom", error.InnerException!.Message);
        await Assert.ThrowsAsync<ServerExitedException>(() => after);
        Assert.Equal("crash", (await server.Completion).Kind);
        Assert.Contains("terminate counter crash", log);
        await Assert.ThrowsAsync<ServerExitedException>(() => server.CallAsync<object?>("get"));
        Assert.Null(registry.WhereIs("c"));
    }

    [Fact]
    public async Task A_stop_reply_answers_the_caller_then_terminates()
    {
        var server = registry.Start(new CounterServer());

        Assert.Equal("bye", await server.CallAsync<string>("stop"));
        Assert.Equal(ExitReason.Normal, await server.Completion);
    }

    [Fact]
    public async Task Suspended_servers_queue_requests_and_answer_them_in_order_on_resume()
    {
        var server = registry.Start(new CounterServer());
        await server.SuspendAsync();

        var calls = Enumerable.Range(0, 100).Select(_ => server.CallAsync<int>("inc")).ToArray();
        await Task.Delay(50);
        Assert.All(calls, c => Assert.False(c.IsCompleted));

        var pause = await server.ResumeAsync();
        Assert.Equal(Enumerable.Range(1, 100), await Task.WhenAll(calls));
        Assert.True(pause >= TimeSpan.FromMilliseconds(40), $"pause {pause}");
        Assert.Equal(pause, server.LastPause);
    }

    [Fact]
    public async Task Suspend_waits_for_the_current_message_only()
    {
        var counter = new CounterServer();
        var server = registry.Start(counter);
        var slow = server.CallAsync<string>("hold");
        Assert.True(counter.Holding.Wait(TimeSpan.FromSeconds(30)));
        var queued = server.CallAsync<int>("inc");

        var suspend = server.SuspendAsync();
        await Task.Delay(50);
        Assert.False(suspend.IsCompleted);
        counter.Release.Set();
        await suspend;

        Assert.Equal("held", await slow);
        await Task.Delay(50);
        Assert.False(queued.IsCompleted);
        await server.ResumeAsync();
        Assert.Equal(1, await queued);
    }

    [Fact]
    public async Task Code_change_of_a_running_server_is_refused()
    {
        var server = registry.Start(new CounterServer(label: "old"), args: 3);

        await Assert.ThrowsAsync<CodeChangeException>(() => server.ChangeCodeAsync(new CounterServer(label: "new"), OldVsn.Up("1")));

        await server.SuspendAsync();
        await server.ChangeCodeAsync(new CounterServer(label: "new"), OldVsn.Up("1"));
        await server.ResumeAsync();
        Assert.Equal(4, await server.CallAsync<int>("inc"));
    }

    [Fact]
    public async Task Names_are_registered_resolved_and_released()
    {
        var server = registry.Start(new CounterServer(), name: "counter");

        Assert.Same(server, registry.WhereIs("counter"));
        Assert.Throws<InvalidOperationException>(() => registry.Start(new CounterServer(), name: "counter"));
        Assert.Equal(1, await registry.CallAsync<int>("counter", "inc", TimeSpan.FromSeconds(1)));
        Assert.True(registry.Unregister("counter"));
        Assert.Null(registry.WhereIs("counter"));
        await Assert.ThrowsAsync<ServerExitedException>(() => registry.CallAsync<object?>("counter", "inc", TimeSpan.FromSeconds(1)));

        registry.Register("again", server);
        await server.StopAsync(ExitReason.Shutdown, TimeSpan.FromSeconds(5));
        Assert.Null(registry.WhereIs("again"));
        Assert.DoesNotContain(server, registry.Running);
    }

    [Fact]
    public async Task Servers_are_found_by_the_assembly_of_their_implementation()
    {
        var server = registry.Start(new CounterServer());

        Assert.Contains(server, registry.ImplementedIn(typeof(CounterServer).Assembly.GetName().Name!));
        Assert.Empty(registry.ImplementedIn("Some.Other.Assembly"));
        await server.StopAsync(ExitReason.Shutdown, TimeSpan.FromSeconds(5));
    }
}
