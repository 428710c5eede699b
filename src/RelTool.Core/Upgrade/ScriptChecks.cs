using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>systools_rc check_script: low-level instructions written by hand must be consistent. (docs/relup-rules.md, rule 10.)</summary>
internal static class ScriptChecks
{
    public static void Check(IReadOnlyList<Instruction> before, IReadOnlyList<Instruction> after)
    {
        CheckLoads(before, after);
        CheckPairs(
            after.OfType<Suspend>().SelectMany(s => s.Modules.Select(m => m.Module)).ToList(),
            after.OfType<Resume>().SelectMany(r => r.Modules).ToList(),
            "suspended_not_resumed", "suspended but never resumed",
            "resumed_not_suspended", "resumed but never suspended");
        CheckPairs(
            after.OfType<Start>().SelectMany(s => s.Modules).ToList(),
            after.OfType<Stop>().SelectMany(s => s.Modules).ToList(),
            "start_not_stop", "started but never stopped",
            "stop_not_start", "stopped but never started");
    }

    private static void CheckLoads(IReadOnlyList<Instruction> before, IReadOnlyList<Instruction> after)
    {
        foreach (var load in after.OfType<Load>())
        {
            if (!before.OfType<LoadObjectCode>().Any(l => l.Modules.Contains(load.Module)))
                throw RelupException.Rc(Erl.Tuple(Erl.Atom("no_object_code"), Erl.Atom(load.Module)),
                    $"{load} has no load_object_code for {load.Module} before point_of_no_return");
        }
    }

    private static void CheckPairs(List<string> first, List<string> second, string firstReason, string firstWords, string secondReason, string secondWords)
    {
        var onlyFirst = first.Where(m => !second.Contains(m)).ToList();
        if (onlyFirst.Count > 0)
            throw RelupException.Rc(Erl.Tuple(Erl.Atom(firstReason), ModuleList.Of(onlyFirst).ToTerm()), $"modules {firstWords}: {string.Join(", ", onlyFirst)}");
        var onlySecond = second.Where(m => !first.Contains(m)).ToList();
        if (onlySecond.Count > 0)
            throw RelupException.Rc(Erl.Tuple(Erl.Atom(secondReason), ModuleList.Of(onlySecond).ToTerm()), $"modules {secondWords}: {string.Join(", ", onlySecond)}");
    }
}
