using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>The direction a script moves a release: up (upgrade) or down (downgrade).</summary>
public enum UpgradeDirection { Up, Down }

/// <summary>
/// systools_rc translate_dep_to_low: one dependency component (in dependency order) becomes
/// suspend, loads/removes, code_change and resume, plus load_object_code for the part before
/// point_of_no_return.
/// See docs/relup-rules.md, rule 6.
/// </summary>
internal static class LowLevelTranslation
{
    public static (List<Instruction> Before, List<Instruction> After) Translate(
        UpgradeDirection direction, IReadOnlyList<Instruction> component, IReadOnlyDictionary<string, ResolvedApplication> applicationOf)
    {
        var updates = component.OfType<Update>().ToList();
        var suspend = new List<Instruction>();
        var resume = new List<Instruction>();
        if (updates.Count > 0)
        {
            suspend.Add(new Suspend(ValueList.From(updates.Select(u =>
                u.Timeout == UpgradeTimeout.Default ? new SuspendedModule(u.Module) : new SuspendedModule(u.Module, u.Timeout)))));
            resume.Add(new Resume(ModuleList.Of(updates.Select(u => u.Module).Reverse())));
        }
        var loadsByInstruction = component.Select(LoadsOf).Where(l => l.Count > 0).ToList();
        var loads = loadsByInstruction.SelectMany(l => l).ToList();
        var loadObjectCode = loads.OfType<Load>().Select(l => ObjectCodeOf(l.Module, applicationOf)).ToList<Instruction>();

        var after = new List<Instruction>(suspend);
        if (direction == UpgradeDirection.Up)
        {
            after.AddRange(Enumerable.Reverse(loadsByInstruction).SelectMany(l => l));
            after.AddRange(CodeChange(CodeChangeMode.Up, updates));
        }
        else
        {
            after.AddRange(CodeChange(CodeChangeMode.Down, updates.Where(u => u.ModuleType == ModuleType.Dynamic)));
            after.AddRange(loads);
            after.AddRange(CodeChange(CodeChangeMode.Down, updates.Where(u => u.ModuleType == ModuleType.Static)));
        }
        after.AddRange(resume);
        return (loadObjectCode, after);
    }

    private static List<Instruction> LoadsOf(Instruction instruction) => instruction switch
    {
        Update u => [new Load(u.Module, u.PrePurge, u.PostPurge)],
        LoadModule l => [new Load(l.Module, l.PrePurge, l.PostPurge)],
        DeleteModule d => [new Remove(d.Module), new Purge(ModuleList.Of(d.Module))],
        _ => [],
    };

    private static IEnumerable<Instruction> CodeChange(CodeChangeMode mode, IEnumerable<Update> updates)
    {
        var mods = updates.Where(u => u.Change is AdvancedChange)
            .Select(u => new CodeChangeModule(u.Module, ((AdvancedChange)u.Change).Extra)).ToList();
        return mods.Count == 0 ? [] : [new CodeChange(mode, ValueList.From(mods))];
    }

    /// <summary>get_lib: the first application (in dependency order) of the release moved to that lists the module.</summary>
    public static Dictionary<string, ResolvedApplication> ApplicationOfModule(IReadOnlyList<ResolvedApplication> target)
    {
        var map = new Dictionary<string, ResolvedApplication>();
        foreach (var app in target)
            foreach (var module in app.Modules)
                map.TryAdd(module, app);
        return map;
    }

    private static LoadObjectCode ObjectCodeOf(string module, IReadOnlyDictionary<string, ResolvedApplication> applicationOf)
    {
        var app = applicationOf.GetValueOrDefault(module)
            ?? throw RelupException.Rc(Erl.Tuple(Erl.Atom("no_such_module"), Erl.Atom(module)),
                $"module {module} is loaded, but no application of the release moved to lists it in its .app modules");
        return new LoadObjectCode(app.Name, app.Vsn, ModuleList.Of(module));
    }
}
