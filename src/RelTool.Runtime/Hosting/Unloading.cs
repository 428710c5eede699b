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
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
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
