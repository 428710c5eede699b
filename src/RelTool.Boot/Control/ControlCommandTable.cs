using System.Collections.Concurrent;

namespace RelTool.Boot.Control;

/// <summary>A control command's work inside the node. <see cref="AfterReply"/> runs once the reply is sent (stop uses it).</summary>
public sealed record ControlOutcome(ControlReply Reply, Action? AfterReply = null);

/// <summary>
/// The commands a node serves, by name; later work (upgrades) adds its own. Thread-safe: the node's main thread and its
/// control plane (<see cref="Hosting.NodeControlPlane"/>) fill it at once.
/// </summary>
public sealed class ControlCommandTable
{
    /// <summary>Error kind of a command the node does not serve (a node of an older launcher).</summary>
    public const string UnknownCommandKind = "unknown-command";

    private readonly ConcurrentDictionary<string, Func<IReadOnlyList<string>, ControlOutcome>> handlers = new(StringComparer.Ordinal);

    public void Add(string name, Func<IReadOnlyList<string>, ControlOutcome> handler)
    {
        if (!handlers.TryAdd(name, handler)) throw new ArgumentException($"control command {name} is served already", nameof(name));
    }

    /// <summary>Adds or replaces a command (a runtime-hosted node answers describe with the release it now runs).</summary>
    public void Set(string name, Func<IReadOnlyList<string>, ControlOutcome> handler) => handlers[name] = handler;

    public IEnumerable<string> Names => handlers.Keys.Order(StringComparer.Ordinal);

    public ControlOutcome Handle(string name, IReadOnlyList<string> args)
    {
        if (!handlers.TryGetValue(name, out var handler))
            return new(ControlReply.Error(UnknownCommandKind, $"{name}; known: {string.Join(", ", Names)}"));
        try { return handler(args); }
        catch (Exception e) { return new(ControlReply.Error("failed", e.Message.ReplaceLineEndings(" "))); }
    }
}
