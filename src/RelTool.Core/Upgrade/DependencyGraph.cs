using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_rc make_dependency_graph and get_dependent_instructions: one vertex per update,
/// load_module, add_module or delete_module (keyed by module), an edge from a module to each of its
/// DepMods. A weakly connected component is emitted whole, in dependency order: dependents before
/// their dependencies, members of a cycle by script position.
/// See docs/relup-rules.md, rule 5.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly List<Instruction> vertices = new();
    private readonly Dictionary<string, int> indexOf = new();
    private readonly List<List<int>> edges = new();
    private readonly int[] componentOf;
    private Dictionary<int, List<int>>? membersOf;

    private DependencyGraph(IEnumerable<Instruction> script)
    {
        foreach (var instruction in script)
        {
            if (instruction is not IModuleDependent dependent) continue;
            if (indexOf.ContainsKey(dependent.Module))
                throw RelupException.Rc(Erl.Tuple(Erl.Atom("muldef_module"), Erl.Atom(dependent.Module)),
                    $"module {dependent.Module} has more than one update, load_module, add_module or delete_module instruction");
            indexOf[dependent.Module] = vertices.Count;
            vertices.Add(instruction);
            edges.Add(new List<int>());
        }
        for (var v = 0; v < vertices.Count; v++)
        {
            foreach (var dep in ((IModuleDependent)vertices[v]).DepMods)
            {
                if (!indexOf.TryGetValue(dep, out var target))
                    throw RelupException.Rc(Erl.Tuple(Erl.Atom("undef_module"), Erl.Atom(dep)),
                        $"{((IModuleDependent)vertices[v]).Module} depends on module {dep}, which has no update, load_module, add_module or delete_module instruction");
                edges[v].Add(target);
            }
        }
        componentOf = WeakComponents();
    }

    public static DependencyGraph Build(IEnumerable<Instruction> script) => new(script);

    public static bool IsVertex(Instruction instruction) => instruction is IModuleDependent;

    /// <summary>All instructions of the component holding <paramref name="module"/>, in dependency order.</summary>
    public List<Instruction> ComponentInOrder(string module)
    {
        var component = componentOf[indexOf[module]];
        var members = MembersOf(component);
        var sccOf = StrongComponents(members, out var sccCount);
        var sccMembers = Enumerable.Range(0, sccCount).Select(_ => new List<int>()).ToList();
        foreach (var v in members) sccMembers[sccOf[v]].Add(v);
        var successors = Enumerable.Range(0, sccCount).Select(_ => new HashSet<int>()).ToList();
        var incoming = new int[sccCount];
        foreach (var v in members)
            foreach (var w in edges[v])
                if (sccOf[v] != sccOf[w] && successors[sccOf[v]].Add(sccOf[w]))
                    incoming[sccOf[w]]++;
        // Unrelated branches have no order of their own; OTP's comes from ETS hash order. Script order is used here.
        var ready = new PriorityQueue<int, int>();
        for (var s = 0; s < sccCount; s++)
            if (incoming[s] == 0) ready.Enqueue(s, sccMembers[s].Min());
        var result = new List<Instruction>(members.Count);
        while (ready.TryDequeue(out var s, out _))
        {
            result.AddRange(sccMembers[s].Order().Select(v => vertices[v]));
            foreach (var t in successors[s])
                if (--incoming[t] == 0) ready.Enqueue(t, sccMembers[t].Min());
        }
        return result;
    }

    /// <summary>The vertices of a weak component in script order; grouped once, not searched per component.</summary>
    private List<int> MembersOf(int component)
    {
        if (membersOf is null)
        {
            membersOf = new Dictionary<int, List<int>>();
            for (var v = 0; v < vertices.Count; v++)
            {
                if (!membersOf.TryGetValue(componentOf[v], out var list)) membersOf[componentOf[v]] = list = [];
                list.Add(v);
            }
        }
        return membersOf[component];
    }

    private int[] WeakComponents()
    {
        var parent = Enumerable.Range(0, vertices.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        for (var v = 0; v < vertices.Count; v++)
            foreach (var w in edges[v])
                parent[Find(v)] = Find(w);
        return Enumerable.Range(0, vertices.Count).Select(Find).ToArray();
    }

    /// <summary>Tarjan's strongly connected components, iterative (dependency chains can be thousands long).</summary>
    private Dictionary<int, int> StrongComponents(List<int> members, out int count)
    {
        var sccOf = new Dictionary<int, int>();
        var index = new Dictionary<int, int>();
        var low = new Dictionary<int, int>();
        var stack = new Stack<int>();
        var onStack = new HashSet<int>();
        var next = 0;
        count = 0;
        foreach (var root in members)
        {
            if (index.ContainsKey(root)) continue;
            var work = new Stack<(int Vertex, int Edge)>();
            work.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (v, e) = work.Pop();
                if (e < edges[v].Count)
                {
                    work.Push((v, e + 1));
                    var w = edges[v][e];
                    if (!index.ContainsKey(w))
                    {
                        index[w] = low[w] = next++;
                        stack.Push(w);
                        onStack.Add(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w))
                        low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack.Pop();
                        onStack.Remove(w);
                        sccOf[w] = count;
                    } while (w != v);
                    count++;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Vertex;
                    low[parent] = Math.Min(low[parent], low[v]);
                }
            }
        }
        return sccOf;
    }
}
