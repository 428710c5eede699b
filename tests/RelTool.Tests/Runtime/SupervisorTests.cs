using System.Collections.Concurrent;
using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

public sealed class SupervisorTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly ServerRegistry registry = new();
    private readonly ConcurrentQueue<string> log = new();
    private readonly ConcurrentQueue<SupervisorEvent> events = new();

    private ChildSpec Counter(string id, RestartType restart = RestartType.Permanent) =>
        new(id, () => registry.Start(new CounterServer(log, id), name: id), restart);

    private Supervisor Start(RestartIntensity intensity, params ChildSpec[] children) =>
        Supervisor.StartOneForOne("sup", children, intensity, events.Enqueue);

    [Fact]
    public async Task Children_start_in_order_and_stop_in_reverse_order()
    {
        var supervisor = Start(RestartIntensity.Default, Counter("a"), Counter("b"), Counter("c"));

        await supervisor.StopAsync(ExitReason.Shutdown, Wait);

        Assert.Equal(
            ["init a", "init b", "init c", "terminate c shutdown", "terminate b shutdown", "terminate a shutdown"],
            log.ToArray());
        Assert.Equal(ExitReason.Shutdown, await supervisor.Completion);
    }

    [Fact]
    public async Task A_crashed_permanent_child_is_restarted_alone()
    {
        var supervisor = Start(new RestartIntensity(3, TimeSpan.FromSeconds(5)), Counter("a"), Counter("b"));
        var b = registry.WhereIs("b")!;
        await b.CallAsync<object?>("inc");
        var a = registry.WhereIs("a")!;

        await Assert.ThrowsAsync<ServerExitedException>(() => a.CallAsync<object?>("crash"));
        var restarted = await WaitForAsync(() => registry.WhereIs("a") is { } s && s != a ? s : null);

        Assert.Equal(0, await restarted.CallAsync<int>("get"));
        Assert.Same(b, registry.WhereIs("b"));
        Assert.Equal(1, await b.CallAsync<int>("get"));
        Assert.Contains(events, e => e.Kind == SupervisorEventKind.ChildRestarted && e.ChildId == "a");
        await supervisor.StopAsync(ExitReason.Shutdown, Wait);
    }

    [Fact]
    public async Task Transient_children_are_restarted_only_after_abnormal_exits_and_temporary_never()
    {
        var supervisor = Start(
            new RestartIntensity(5, TimeSpan.FromSeconds(5)),
            Counter("transient", RestartType.Transient),
            Counter("temporary", RestartType.Temporary));
        var transient = registry.WhereIs("transient")!;
        await Assert.ThrowsAsync<ServerExitedException>(() => transient.CallAsync<object?>("crash"));
        transient = await WaitForAsync(() => registry.WhereIs("transient") is { } s && s != transient ? s : null);

        Assert.Equal("bye", await transient.CallAsync<string>("stop"));
        Assert.Equal("bye", await registry.WhereIs("temporary")!.CallAsync<string>("stop"));
        await WaitForAsync(() => supervisor.Children.Count == 1 ? "gone" : null);

        Assert.Single(supervisor.Children, c => c.Id == "transient" && c.Process is null);
        Assert.Null(registry.WhereIs("transient"));
        Assert.Single(events, e => e.Kind == SupervisorEventKind.ChildRestarted);
        await supervisor.StopAsync(ExitReason.Shutdown, Wait);
    }

    [Fact]
    public async Task Too_many_restarts_stop_the_supervisor_and_are_reported()
    {
        var supervisor = Start(new RestartIntensity(2, TimeSpan.FromSeconds(30)), Counter("a"), Counter("b"));

        ServerRef? previous = null;
        for (var crash = 0; crash < 3; crash++)
        {
            var a = await WaitForAsync(() => registry.WhereIs("a") is { IsAlive: true } s && s != previous ? s : null);
            previous = a;
            await Assert.ThrowsAsync<ServerExitedException>(() => a.CallAsync<object?>("crash"));
            await a.Completion;
        }

        var reason = await supervisor.Completion.WaitAsync(Wait);
        Assert.Equal(Supervisor.MaxIntensityReason, reason.Kind);
        Assert.Contains(events, e => e.Kind == SupervisorEventKind.MaxIntensityReached && e.ChildId == "a");
        Assert.Equal(2, events.Count(e => e.Kind == SupervisorEventKind.ChildRestarted));
        Assert.Contains("terminate b shutdown", log);
        Assert.Empty(registry.Running);
    }

    [Fact]
    public void A_child_that_fails_to_start_stops_the_ones_started_before_it()
    {
        var failing = new ChildSpec("bad", () => throw new InvalidOperationException("no"));

        Assert.Throws<InvalidOperationException>(() => Start(RestartIntensity.Default, Counter("a"), failing, Counter("c")));

        Assert.Equal(["init a", "terminate a shutdown"], log.ToArray());
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("condition not reached");
    }
}
