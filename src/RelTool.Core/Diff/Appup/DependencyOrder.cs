using System.Collections.Immutable;

namespace RelTool.Core.Diff.Appup;

/// <summary>
/// Orders modules so that each comes after the modules it depends on (dependencies first, the order in
/// which they must be loaded). Modules in a cycle are kept together in name order; independent modules
/// come in name order, so the result depends only on the graph.
/// </summary>
public static class DependencyOrder
{
    /// <param name="dependencies">Module → the modules it depends on; names outside <paramref name="modules"/> are ignored.</param>
    public static ImmutableArray<string> Sort(IEnumerable<string> modules, Func<string, IEnumerable<string>> dependencies)
    {
        var nodes = modules.Distinct().Order(StringComparer.Ordinal).ToList();
        var index = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        var edges = nodes.Select(n => dependencies(n).Where(index.ContainsKey).Select(d => index[d]).Where(d => d != index[n]).Distinct().ToList()).ToList();

        var component = StronglyConnected(edges);
        var componentCount = component.Max(c => (int?)c + 1) ?? 0;
        var members = Enumerable.Range(0, componentCount).Select(_ => new List<int>()).ToList();
        for (var i = 0; i < nodes.Count; i++) members[component[i]].Add(i);

        // Kahn's algorithm on the condensation: a component is ready when all it depends on is placed;
        // among ready ones the one whose first name sorts first goes next.
        var waitingOn = new int[componentCount];
        var dependents = Enumerable.Range(0, componentCount).Select(_ => new HashSet<int>()).ToList();
        for (var i = 0; i < nodes.Count; i++)
            foreach (var d in edges[i])
                if (component[d] != component[i] && dependents[component[d]].Add(component[i]))
                    waitingOn[component[i]]++;
        var ready = new SortedSet<int>(Comparer<int>.Create((a, b) => members[a][0].CompareTo(members[b][0])));
        for (var c = 0; c < componentCount; c++) if (waitingOn[c] == 0) ready.Add(c);

        var order = ImmutableArray.CreateBuilder<string>(nodes.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.AddRange(members[next].Select(i => nodes[i]));
            foreach (var dependent in dependents[next])
                if (--waitingOn[dependent] == 0) ready.Add(dependent);
        }
        return order.ToImmutable();
    }

    /// <summary>Tarjan's algorithm, iterative; returns the component number of each node.</summary>
    private static int[] StronglyConnected(List<List<int>> edges)
    {
        var n = edges.Count;
        var index = new int[n];
        var low = new int[n];
        var component = new int[n];
        Array.Fill(index, -1);
        var onStack = new bool[n];
        var stack = new Stack<int>();
        var counter = 0;
        var components = 0;
        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0) continue;
            var work = new Stack<(int Node, int Edge)>();
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e == 0)
                {
                    index[v] = low[v] = counter++;
                    stack.Push(v);
                    onStack[v] = true;
                }
                if (e < edges[v].Count)
                {
                    work.Push((v, e + 1));
                    var w = edges[v][e];
                    if (index[w] < 0) work.Push((w, 0));
                    else if (onStack[w]) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack[w] = false;
                        component[w] = components;
                    } while (w != v);
                    components++;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return component;
    }
}
