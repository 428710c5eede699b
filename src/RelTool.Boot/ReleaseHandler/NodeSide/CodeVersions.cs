using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RelTool.Runtime;
using RelTool.Runtime.Upgrades;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// The collectible contexts that hold the node's code, one per installed version. They are held strongly until the
/// handler unloads them: a collectible context that nothing references is finalized, and its finalizer starts an
/// unload of its own, even while its code still runs. After an install, a context none of whose assemblies is current
/// any more is unloaded and checked with a weak reference.
/// </summary>
public sealed class CodeVersions(Node node)
{
    public static readonly TimeSpan UnloadWait = TimeSpan.FromSeconds(5);

    private readonly List<CodeLoadContext> contexts = [];

    public void Track(CodeLoadContext context)
    {
        lock (contexts) contexts.Add(context);
    }

    /// <summary>Unloads every tracked context that holds no current code; one line per context.</summary>
    public async Task<IReadOnlyList<string>> UnloadUnusedAsync()
    {
        var (started, lines) = BeginUnloads();
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

    // Not inlined, and not part of the async method: a context must not stay in a stack slot while we wait for it to go.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (List<(string Name, WeakReference Tracker)> Started, List<string> Lines) BeginUnloads()
    {
        var started = new List<(string, WeakReference)>();
        var lines = new List<string>();
        lock (contexts)
        {
            for (var i = contexts.Count - 1; i >= 0; i--)
            {
                var context = contexts[i];
                if (HeldBy(context) is { } reason)
                {
                    if (i < contexts.Count - 1) lines.Add($"kept {context.Name}: {reason}");
                    continue;
                }
                contexts.RemoveAt(i);
                started.Add((context.Name!, Unloading.Begin(context)));
            }
        }
        return (started, lines);
    }

    private string? HeldBy(CodeLoadContext context)
    {
        var current = node.Code.Loaded.Select(node.Code.Current).FirstOrDefault(a => a is not null && AssemblyLoadContext.GetLoadContext(a) == context);
        if (current is not null) return $"{current.GetName().Name} is current code";
        if (Assembly.GetEntryAssembly() is { } entry && AssemblyLoadContext.GetLoadContext(entry) == context) return "it holds the entry assembly";
        return null;
    }
}
