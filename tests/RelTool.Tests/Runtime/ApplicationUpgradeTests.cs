using RelTool.Runtime;
using RelTool.Runtime.Hosting;

namespace RelTool.Tests.Runtime;

public sealed class ApplicationUpgradeTests
{
    [Fact]
    public async Task An_application_upgraded_step_by_step_restarts_its_servers_with_the_new_code_and_frees_the_old()
    {
        var node = new Node("kv", "0.1.0");
        var v1 = KvPlugin.Load("kv-1", KvPluginSource.V1);
        KvPlugin.StartApplication(node, v1);
        Assert.Equal("ok:1", await node.Registry.CallAsync<string>("kv", new[] { "put", "a", "1" }, TimeSpan.FromSeconds(5)));

        var v2 = KvPlugin.Load("kv-2", KvPluginSource.V2);
        var suspended = await node.SuspendAsync(KvPluginSource.AssemblyName);
        var changes = await ChangeCode(node, v2);
        var pauses = await node.ResumeAsync(KvPluginSource.AssemblyName);

        Assert.Single(suspended);
        Assert.All(changes, c => Assert.True(c.Succeeded, c.Error?.Message));
        Assert.Single(pauses);
        Assert.Equal("ok:2:2", await node.Registry.CallAsync<string>("kv", new[] { "put", "a", "2" }, TimeSpan.FromSeconds(5)));

        var crashed = node.Registry.WhereIs("kv")!;
        await Assert.ThrowsAsync<ServerExitedException>(() => crashed.CallAsync<object?>(new[] { "crash" }));
        var restarted = await RestartedAsync(node, crashed);
        Assert.Equal("2", await restarted.CallAsync<string>(new[] { "vsn" }));

        KvPlugin.Unload(v1);
        Assert.True(await Unloading.WaitAsync(v1, TimeSpan.FromSeconds(20)), "the v1 load context did not unload");

        await node.StopAsync(TimeSpan.FromSeconds(5));
        Assert.True(node.Stopped.IsCompleted);
        Assert.Empty(node.Applications);
        Assert.Empty(node.Registry.Running);
    }

    private static Task<IReadOnlyList<ServerCodeChange>> ChangeCode(Node node, WeakReference code) =>
        KvPlugin.ChangeCode(node, code, OldVsn.Up("1"));

    private static async Task<ServerRef> RestartedAsync(Node node, ServerRef crashed)
    {
        for (var i = 0; i < 500; i++)
        {
            if (node.Registry.WhereIs("kv") is { IsAlive: true } server && server != crashed)
            {
                return server;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("the supervisor did not restart kv");
    }
}
