using System.Collections.Immutable;
using RelTool.Formats.Manifests.Instructions;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_rc:translate_scripts: turns the high-level scripts collected for one base release into
/// the low-level script of one relup entry.
/// See docs/relup-rules.md, rules 6 and 7.
/// </summary>
public static class ScriptTranslator
{
    /// <param name="direction">up: from <paramref name="source"/> to <paramref name="target"/>; down likewise, with the roles as systools gives them.</param>
    /// <param name="scripts">One script per application, in the order of rule 1 of docs/relup-rules.md (added, changed, removed, emulator restarts).</param>
    /// <param name="target">The applications of the release moved to, in dependency order.</param>
    /// <param name="source">The applications of the release moved from.</param>
    public static ImmutableArray<Instruction> Translate(
        UpgradeDirection direction,
        IEnumerable<IReadOnlyList<Instruction>> scripts,
        IReadOnlyList<ResolvedApplication> target,
        IReadOnlyList<ResolvedApplication> source)
    {
        var (before, after) = ScriptSplit.Merge(scripts);
        ScriptChecks.Check(before, after);
        var expanded = ApplicationInstructions.Expand(after, target, source);
        var (before2, after2) = TranslateDependent(direction, before, expanded, target);
        var before3 = LoadObjectCodeMerge.Merge(before2);
        var (before4, after4) = PlaceEmulatorRestarts(direction, before3, after2);
        return [.. before4, PointOfNoReturn.Instance, .. after4];
    }

    /// <summary>translate_dependent_instrs: the first instruction of each dependency component emits the whole component there.</summary>
    private static (List<Instruction> Before, List<Instruction> After) TranslateDependent(
        UpgradeDirection direction, List<Instruction> before, List<Instruction> after, IReadOnlyList<ResolvedApplication> target)
    {
        var graph = DependencyGraph.Build(after);
        var applicationOf = LowLevelTranslation.ApplicationOfModule(target);
        var newBefore = new List<Instruction>(before);
        var newAfter = new List<Instruction>();
        var done = new HashSet<string>();
        foreach (var instruction in after)
        {
            if (instruction is not IModuleDependent dependent)
            {
                newAfter.Add(instruction);
                continue;
            }
            if (done.Contains(dependent.Module)) continue;
            var component = graph.ComponentInOrder(dependent.Module);
            foreach (var member in component) done.Add(((IModuleDependent)member).Module);
            var (b, a) = LowLevelTranslation.Translate(direction, component, applicationOf);
            newBefore.AddRange(b);
            newAfter.AddRange(a);
        }
        return (newBefore, newAfter);
    }

    /// <summary>sort_emulator_restart: restart_new_emulator first (up) or as restart_emulator last (down); one restart_emulator, last.</summary>
    private static (List<Instruction> Before, List<Instruction> After) PlaceEmulatorRestarts(
        UpgradeDirection direction, List<Instruction> before, List<Instruction> after)
    {
        if (after.Any(i => i is RestartNewEmulator))
        {
            after = after.Where(i => i is not RestartNewEmulator).ToList();
            if (direction == UpgradeDirection.Up) before = before.Prepend(RestartNewEmulator.Instance).ToList();
            else after.Add(RestartEmulator.Instance);
        }
        if (after.Any(i => i is RestartEmulator))
        {
            after = after.Where(i => i is not RestartEmulator).ToList();
            after.Add(RestartEmulator.Instance);
        }
        return (before, after);
    }
}
