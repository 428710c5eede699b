namespace RelTool.Tests.Runtime;

public sealed class UnloadingTests
{
    [Fact]
    public void A_context_whose_code_nothing_holds_is_gone_after_one_collection()
    {
        var tracker = KvPlugin.RunAndBeginUnload(KvPlugin.Load("kv-unload-free", KvPluginSource.V1));

        Collect();

        // The context object itself outlives this collection (the runtime holds it until its code is freed): a tracker
        // of that object alone needed a second full collection.
        Assert.False(tracker.IsAlive, "the unloaded context's code was still tracked as alive after one collection");
    }

    [Fact]
    public void A_context_whose_object_is_still_held_is_not_gone()
    {
        var context = KvPlugin.Load("kv-unload-held", KvPluginSource.V1);
        var held = KvPlugin.NewServer(context);
        var tracker = KvPlugin.BeginUnload(context);

        Collect();
        Collect();

        Assert.True(tracker.IsAlive, "a context was tracked as gone while an object of its code was referenced");
        GC.KeepAlive(held);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
