using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// systools_rc translate_application_instrs and translate_add_module_instrs: add_application,
/// remove_application and restart_application become module and apply instructions (from the
/// modules lists of the .app files), and add_module becomes load_module.
/// See docs/relup-rules.md, rule 4.
/// </summary>
internal static class ApplicationInstructions
{
    public static List<Instruction> Expand(IEnumerable<Instruction> after, IReadOnlyList<ResolvedApplication> target, IReadOnlyList<ResolvedApplication> source)
    {
        var result = new List<Instruction>();
        foreach (var instruction in after)
        {
            switch (instruction)
            {
                case AddApplication add:
                {
                    var app = Find(target, add.Application) ?? throw NoSuchApplication(add.Application);
                    result.AddRange(app.Modules.Select(m => new AddModule(m, ModuleList.Empty)));
                    result.AddRange(StartOrLoad(add.Application, add.Type));
                    break;
                }
                case RemoveApplication remove:
                {
                    if (Find(target, remove.Application) is not null)
                        throw RelupException.Rc(Erl.Tuple(Erl.Atom("removed_application_present"), Erl.Atom(remove.Application)),
                            $"remove_application {remove.Application}, but the release moved to still has {remove.Application}");
                    var app = Find(source, remove.Application) ?? throw NoSuchApplication(remove.Application);
                    result.Add(ApplyApplication("stop", remove.Application));
                    result.AddRange(app.Modules.Select(m => new Remove(m)));
                    result.Add(new Purge(app.Modules));
                    result.Add(ApplyApplication("unload", remove.Application));
                    break;
                }
                case RestartApplication restart:
                {
                    var old = Find(source, restart.Application) ?? throw NoSuchApplication(restart.Application);
                    var @new = Find(target, restart.Application) ?? throw NoSuchApplication(restart.Application);
                    result.Add(ApplyApplication("stop", restart.Application));
                    result.AddRange(old.Modules.Select(m => new Remove(m)));
                    result.Add(new Purge(old.Modules));
                    result.AddRange(@new.Modules.Select(m => new AddModule(m, ModuleList.Empty)));
                    result.AddRange(StartOrLoad(restart.Application, @new.Type));
                    break;
                }
                default:
                    result.Add(instruction);
                    break;
            }
        }
        return result.Select(i => i is AddModule add ? new LoadModule(add.Module, add.DepMods) : i).ToList();
    }

    private static IEnumerable<Instruction> StartOrLoad(string app, StartType type) => type switch
    {
        StartType.None => [],
        StartType.Load => [ApplyApplication("load", app)],
        _ => [new Apply("application", "start", Erl.List(Erl.Atom(app), InstructionAtoms.Atom(type)))],
    };

    private static Apply ApplyApplication(string function, string app) => new("application", function, Erl.List(Erl.Atom(app)));

    private static ResolvedApplication? Find(IReadOnlyList<ResolvedApplication> apps, string name) => apps.FirstOrDefault(a => a.Name == name);

    private static RelupException NoSuchApplication(string app) =>
        RelupException.Rc(Erl.Tuple(Erl.Atom("no_such_application"), Erl.Atom(app)),
            $"the script names application {app}, which the releases involved do not have");
}
