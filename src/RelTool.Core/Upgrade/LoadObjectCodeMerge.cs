using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_rc merge_load_object_code: all load_object_code instructions first, one per application
/// (at its first one's place), then the other instructions before point_of_no_return. A module
/// listed twice keeps its last place, as systools' union does.
/// See docs/relup-rules.md, rule 7.
/// </summary>
internal static class LoadObjectCodeMerge
{
    public static List<Instruction> Merge(IReadOnlyList<Instruction> before)
    {
        var byApplication = new Dictionary<string, List<LoadObjectCode>>();
        var applications = new List<List<LoadObjectCode>>();
        foreach (var load in before.OfType<LoadObjectCode>())
        {
            if (!byApplication.TryGetValue(load.Application, out var loads))
            {
                byApplication[load.Application] = loads = [];
                applications.Add(loads);
            }
            loads.Add(load);
        }
        var merged = new List<Instruction>(applications.Count);
        foreach (var loads in applications)
        {
            var first = loads[0];
            var conflict = loads.LastOrDefault(l => l.Vsn != first.Vsn);
            if (conflict is not null)
                throw RelupException.Rc(
                    Erl.Tuple(Erl.Atom("conflicting_versions"), Erl.Atom(first.Application), Erl.Str(first.Vsn), Erl.Str(conflict.Vsn)),
                    $"load_object_code for {first.Application} names two versions, {first.Vsn} and {conflict.Vsn}");
            merged.Add(new LoadObjectCode(first.Application, first.Vsn, ModuleList.Of(Union(loads))));
        }
        merged.AddRange(before.Where(i => i is not LoadObjectCode));
        return merged;
    }

    /// <summary>
    /// systools_rc:union/2 folded from the last list to the first: union(A, B) is the elements of A not
    /// in B, then B; so each list keeps the modules that no later list names, in its own order.
    /// </summary>
    private static List<string> Union(List<LoadObjectCode> loads)
    {
        var later = new HashSet<string>();
        var kept = new List<string>[loads.Count];
        for (var i = loads.Count - 1; i >= 0; i--)
        {
            kept[i] = loads[i].Modules.Where(m => !later.Contains(m)).ToList();
            later.UnionWith(loads[i].Modules);
        }
        return kept.SelectMany(k => k).ToList();
    }
}
