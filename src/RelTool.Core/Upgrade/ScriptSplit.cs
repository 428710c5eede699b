using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_rc merge_scripts/split_script: each application's script is cut at its own
/// point_of_no_return; the parts before are concatenated, then the parts after.
/// See docs/relup-rules.md, rule 3.
/// </summary>
internal static class ScriptSplit
{
    public static (List<Instruction> Before, List<Instruction> After) Merge(IEnumerable<IReadOnlyList<Instruction>> scripts)
    {
        var before = new List<Instruction>();
        var after = new List<Instruction>();
        foreach (var script in scripts)
        {
            var (b, a) = Split(script);
            before.AddRange(b);
            after.AddRange(a);
        }
        return (before, after);
    }

    /// <summary>Only load_object_code and apply may come before point_of_no_return; load_object_code found after it is moved before it.</summary>
    public static (List<Instruction> Before, List<Instruction> After) Split(IReadOnlyList<Instruction> script)
    {
        var index = IndexOfPointOfNoReturn(script, 0);
        List<Instruction> before, after;
        if (index < 0)
        {
            before = new List<Instruction>();
            after = script.ToList();
        }
        else
        {
            if (IndexOfPointOfNoReturn(script, index + 1) >= 0)
                throw RelupException.Rc(Erl.Atom("too_many_point_of_no_return"), "a script has more than one point_of_no_return");
            before = script.Take(index).ToList();
            after = script.Skip(index + 1).ToList();
        }
        foreach (var instruction in before)
        {
            if (instruction is not (LoadObjectCode or Apply))
                throw RelupException.Rc(Erl.Tuple(Erl.Atom("bad_op_before_point_of_no_return"), instruction.ToTerm()),
                    $"{instruction} comes before point_of_no_return, where only load_object_code and apply may be");
        }
        before.AddRange(after.OfType<LoadObjectCode>());
        after.RemoveAll(i => i is LoadObjectCode);
        return (before, after);
    }

    private static int IndexOfPointOfNoReturn(IReadOnlyList<Instruction> script, int start)
    {
        for (var i = start; i < script.Count; i++)
            if (script[i] is PointOfNoReturn) return i;
        return -1;
    }
}
