using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RelTool.Runtime;
using RelTool.Runtime.Upgrades;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// The collectible contexts that hold the node's code, one per installed version, tracked without keeping them
/// alive. After an install, a context none of whose assemblies is current any more is unloaded and checked.
/// </summary>
public sealed class CodeVersions(Node node)
{
    public static readonly TimeSpan UnloadWait = TimeSpan.FromSeconds(5);

    private readonly List<(string Name, WeakReference Context)> contexts = [];

    public void Track(CodeLoadContext context)
    {
        lock (contexts) contexts.Add((context.Name!, new WeakReference(context)));
    }

    /// <summary>Unloads every tracked context that holds no current code; one line per context.</summary>
    public async Task<IReadOnlyList<string>> UnloadUnusedAsync()
    {
        var started = new List<(string Name, WeakReference Tracker)>();
        var lines = new List<string>();
        lock (contexts)
        {
            for (var i = contexts.Count - 1; i >= 0; i--)
            {
                if (!contexts[i].Context.IsAlive)
                {
                    lines.Add($"unloaded {contexts[i].Name} (already collected)");
                    contexts.RemoveAt(i);
                    continue;
                }
                var (tracker, kept) = BeginIfUnused(contexts[i].Context);
                if (kept is not null && i < contexts.Count - 1) lines.Add($"kept {contexts[i].Name}: {kept}");
                if (tracker is null) continue;
                started.Add((contexts[i].Name, tracker));
                contexts.RemoveAt(i);
            }
        }
        foreach (var (name, tracker) in started)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var gone = await Unloading.WaitAsync(tracker, UnloadWait).ConfigureAwait(false);
            lines.Add(gone
                ? $"unloaded {name} in {clock.Elapsed.TotalMilliseconds:0} ms"
                : $"not-unloaded {name}: still referenced after {UnloadWait.TotalSeconds:0} s (a thread in its code, a static of a shared type, or an object kept by the app); a restart frees it");
        }
        return lines;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (WeakReference? Tracker, string? Kept) BeginIfUnused(WeakReference weak)
    {
        if (weak.Target is not AssemblyLoadContext context) return (null, null);
        var current = node.Code.Loaded.Select(node.Code.Current).FirstOrDefault(a => a is not null && AssemblyLoadContext.GetLoadContext(a) == context);
        if (current is not null) return (null, $"{current.GetName().Name} is current code");
        if (Assembly.GetEntryAssembly() is { } entry && AssemblyLoadContext.GetLoadContext(entry) == context) return (null, "it holds the entry assembly");
        return (Unloading.Begin(context), null);
    }
}
