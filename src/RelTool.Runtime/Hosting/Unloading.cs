using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace RelTool.Runtime.Hosting;

/// <summary>Unloads a collectible context and tells whether it is really gone.</summary>
public static class Unloading
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts unloading; the result tracks the context's code without keeping it alive: it is alive while an assembly
    /// the context loaded is (a type, an object or a method of it still referenced keeps its assembly), or while the
    /// context is when it loaded none.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference Begin(AssemblyLoadContext context)
    {
        var tracker = new ContextTracker(context);
        context.Unload();
        return tracker;
    }

    // The context's assemblies die in the first collection that finds nothing of its code referenced, and the runtime
    // frees that code as the collection's finalizers run; the context object itself is held by the runtime until then
    // and dies only in the collection after. Tracking the object alone cost a node a second full collection (every
    // thread stopped for ~2 ms with kv's 10,000 keys) for each unload.
    private sealed class ContextTracker : WeakReference
    {
        private readonly WeakReference[] assemblies;

        public ContextTracker(AssemblyLoadContext context) : base(context, trackResurrection: true) =>
            assemblies = [.. context.Assemblies.Select(assembly => new WeakReference(assembly))];

        public override bool IsAlive => assemblies.Length == 0 ? base.IsAlive : Array.Exists(assemblies, assembly => assembly.IsAlive);
    }

    /// <summary>
    /// Collects until the context is gone or <paramref name="timeout"/> passes. False means something still
    /// references its code (a server, a thread inside it, a static of a shared type): fall back to a restart.
    /// </summary>
    public static async Task<bool> WaitAsync(WeakReference tracker, TimeSpan timeout, CancellationToken cancel = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            // Asked for as a background collection, which the runtime runs only where it can: never below a minimum
            // heap size, and in every case measured (kv's ~2 MB node, a console app) it was a blocking one all the
            // same (1-3 ms with every thread stopped in kv's node).
            // What keeps an unload to that one stop is the tracker above: one collection frees and confirms it.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
            GC.WaitForPendingFinalizers();
            if (!tracker.IsAlive)
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(20, cancel).ConfigureAwait(false);
        }
    }
}
