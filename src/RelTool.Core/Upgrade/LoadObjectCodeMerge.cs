using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_rc merge_load_object_code: all load_object_code instructions first, one per application
/// (at its first one's place), then the other instructions before point_of_no_return. A module
/// listed twice keeps its last place, as systools' union does.
/// </summary>
internal static class LoadObjectCodeMerge
{
    public static List<Instruction> Merge(IReadOnlyList<Instruction> before)
    {
        var pending = before.OfType<LoadObjectCode>().ToList();
        var merged = new List<Instruction>();
        while (pending.Count > 0)
        {
            var first = pending[0];
            var rest = pending.Skip(1).ToList();
            var conflict = rest.LastOrDefault(l => l.Application == first.Application && l.Vsn != first.Vsn);
            if (conflict is not null)
                throw RelupException.Rc(
                    Erl.Tuple(Erl.Atom("conflicting_versions"), Erl.Atom(first.Application), Erl.Str(first.Vsn), Erl.Str(conflict.Vsn)),
                    $"load_object_code for {first.Application} names two versions, {first.Vsn} and {conflict.Vsn}");
            var same = rest.Where(l => l.Application == first.Application).ToList();
            var modules = new List<string>();
            for (var i = same.Count - 1; i >= 0; i--) modules = Union(same[i].Modules, modules);
            modules = Union(first.Modules, modules);
            merged.Add(new LoadObjectCode(first.Application, first.Vsn, ModuleList.Of(modules)));
            pending = rest.Where(l => l.Application != first.Application).ToList();
        }
        merged.AddRange(before.Where(i => i is not LoadObjectCode));
        return merged;
    }

    /// <summary>systools_rc:union/2: the elements of <paramref name="first"/> not in <paramref name="second"/>, then <paramref name="second"/>.</summary>
    private static List<string> Union(IEnumerable<string> first, List<string> second)
    {
        var inSecond = second.ToHashSet();
        return first.Where(m => !inSecond.Contains(m)).Concat(second).ToList();
    }
}
