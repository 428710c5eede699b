using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace RelTool.Runtime.Hosting;

/// <summary>Unloads a collectible context and tells whether it is really gone.</summary>
public static class Unloading
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    /// <summary>Starts unloading; the result tracks the context without keeping it alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static WeakReference Begin(AssemblyLoadContext context)
    {
        var tracker = new WeakReference(context, trackResurrection: true);
        context.Unload();
        return tracker;
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
            // Background collections: the node's servers were just resumed and keep serving while these run. A
            // blocking full collection (GC.Collect()) would stop every thread for its whole length, each time round.
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
