using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>
/// Reads instruction terms into <see cref="Instruction"/> records, accepting exactly the forms
/// systools_rc accepts (its expand_script and check_op) and failing with the same reasons.
/// See docs/relup-rules.md, rule 2.
/// </summary>
public static class InstructionReader
{
    /// <summary>
    /// A script as written in an appup: short forms are expanded; an element that is itself a list is
    /// spliced in place, its elements taken as they are (as expand_script does).
    /// </summary>
    public static ImmutableArray<Instruction> ReadScript(Term script)
    {
        if (script is not ErlList { IsProper: true } list)
            throw Fail(Erl.Tuple(Erl.Atom("bad_list"), script), $"a script must be a list of instructions, not {script}");
        var result = ImmutableArray.CreateBuilder<Instruction>(list.Count);
        foreach (var element in list.Elements)
        {
            if (element is ErlList { IsProper: true } nested)
                result.AddRange(nested.Elements.Select(ReadExpanded));
            else
                result.Add(Read(element));
        }
        return result.ToImmutable();
    }

    /// <summary>One instruction, short forms allowed.</summary>
    public static Instruction Read(Term term) => ReadShortForm(term) ?? ReadExpanded(term);

    /// <summary>The short forms expand_script rewrites; null for any other term.</summary>
    private static Instruction? ReadShortForm(Term term)
    {
        if (term is not ErlTuple { Arity: >= 2 } t || t[0] is not ErlAtom tag) return null;
        switch (tag.Name, t.Arity)
        {
            case ("load_module", 2):
                return new LoadModule(Mod(t[1]), ModuleList.Empty);
            case ("load_module", 3) when t[2] is ErlList:
                return new LoadModule(Mod(t[1]), Mods(t[2]));
            case ("update", 2):
                return new Update(Mod(t[1]), ModuleChange.Soft, ModuleList.Empty);
            case ("update", 3) when Erl.IsAtom(t[2], "supervisor"):
                return Update.Supervisor(Mod(t[1]));
            case ("update", 3) when t[2] is ErlTuple || Erl.IsAtom(t[2], "soft"):
                return ReadExpanded(Erl.Tuple(tag, t[1], t[2], Brutal, Brutal, Erl.Nil));
            case ("update", 3) when t[2] is ErlList:
                return ReadExpanded(Erl.Tuple(tag, t[1], Erl.Atom("soft"), Brutal, Brutal, t[2]));
            case ("update", 4) when (t[2] is ErlTuple || Erl.IsAtom(t[2], "soft")) && t[3] is ErlList:
                return ReadExpanded(Erl.Tuple(tag, t[1], t[2], Brutal, Brutal, t[3]));
            case ("add_application", 2):
                return new AddApplication(App(t[1]));
            default:
                return null;
        }
    }

    private static readonly ErlAtom Brutal = Erl.Atom("brutal_purge");

    /// <summary>One instruction in the full form check_op accepts (no short forms).</summary>
    public static Instruction ReadExpanded(Term term)
    {
        if (term is ErlAtom atom)
        {
            return atom.Name switch
            {
                "point_of_no_return" => PointOfNoReturn.Instance,
                "restart_new_emulator" => RestartNewEmulator.Instance,
                "restart_emulator" => RestartEmulator.Instance,
                "restart" or "reboot" => new LegacyRestart(atom.Name),
                "mnesia_backup" => throw Fail(Erl.Tuple(Erl.Atom("not_yet_implemented"), atom), "mnesia_backup is not implemented"),
                _ => throw BadInstruction(term),
            };
        }
        if (term is not ErlTuple { Arity: >= 2 } t || t[0] is not ErlAtom tag) throw BadInstruction(term);
        switch (tag.Name, t.Arity)
        {
            case ("update", 6):
            {
                var mod = Mod(t[1]);
                var change = Change(t[2]);
                var pre = Purge(t[3]);
                var post = Purge(t[4]);
                return new Update(mod, change, Mods(t[5]), ModuleType.Dynamic, UpgradeTimeout.Default, pre, post);
            }
            case ("update", 7):
            {
                var mod = Mod(t[1]);
                var timeout = Timeout(t[2]);
                var change = Change(t[3]);
                var pre = Purge(t[4]);
                var post = Purge(t[5]);
                return new Update(mod, change, Mods(t[6]), ModuleType.Dynamic, timeout, pre, post);
            }
            case ("update", 8):
            {
                var mod = Mod(t[1]);
                var type = ModType(t[2]);
                var timeout = Timeout(t[3]);
                var change = Change(t[4]);
                var pre = Purge(t[5]);
                var post = Purge(t[6]);
                return new Update(mod, change, Mods(t[7]), type, timeout, pre, post);
            }
            case ("load_module", 5):
            {
                var mod = Mod(t[1]);
                var pre = Purge(t[2]);
                var post = Purge(t[3]);
                return new LoadModule(mod, Mods(t[4]), pre, post);
            }
            case ("add_module", 2): return new AddModule(Mod(t[1]), ModuleList.Empty);
            case ("add_module", 3): { var mod = Mod(t[1]); return new AddModule(mod, Mods(t[2])); }
            case ("delete_module", 2): return new DeleteModule(Mod(t[1]), ModuleList.Empty);
            case ("delete_module", 3): { var mod = Mod(t[1]); return new DeleteModule(mod, Mods(t[2])); }
            case ("remove_application", 2): return new RemoveApplication(App(t[1]));
            case ("restart_application", 2): return new RestartApplication(App(t[1]));
            case ("add_application", 3):
            {
                var app = App(t[1]);
                if (t[2] is not ErlAtom typeAtom || !InstructionAtoms.TryStartType(typeAtom.Name, out var type))
                    throw Fail(Erl.Tuple(Erl.Atom("bad_start_type"), t[2]), $"bad start type {t[2]} (should be permanent | transient | temporary | load | none)");
                return new AddApplication(app, type);
            }
            case ("load_object_code", 2) when t[1] is ErlTuple { Arity: 3 } loc:
            {
                if (loc[0] is not ErlAtom lib) throw Fail(Erl.Tuple(Erl.Atom("bad_lib"), loc[0]), $"bad library {loc[0]} (should be an atom)");
                var vsn = Erl.TextOf(loc[1]) ?? throw Fail(Erl.Tuple(Erl.Atom("bad_lib_vsn"), loc[1]), $"bad library version {loc[1]} (should be a string)");
                return new LoadObjectCode(lib.Name, vsn, Mods(loc[2]));
            }
            case ("load", 2) when t[1] is ErlTuple { Arity: 3 } l:
            {
                var mod = Mod(l[0]);
                return new Load(mod, Purge(l[1]), Purge(l[2]));
            }
            case ("remove", 2) when t[1] is ErlTuple { Arity: 3 } r:
            {
                var mod = Mod(r[0]);
                return new Remove(mod, Purge(r[1]), Purge(r[2]));
            }
            case ("purge", 2): return new Purge(Mods(t[1]));
            case ("suspend", 2): return new Suspend(ValueList.From(List(t[1]).Select(Suspended)));
            case ("resume", 2): return new Resume(Mods(t[1]));
            case ("code_change", 2): return new CodeChange(null, ValueList.From(List(t[1]).Select(CodeChangeOf)));
            case ("code_change", 3):
            {
                var mods = List(t[2]);
                var mode = Erl.IsAtom(t[1], "up") ? CodeChangeMode.Up
                    : Erl.IsAtom(t[1], "down") ? CodeChangeMode.Down
                    : throw Fail(Erl.Tuple(Erl.Atom("bad_mode"), t[1]), $"bad code_change mode {t[1]} (should be up | down)");
                return new CodeChange(mode, ValueList.From(mods.Select(CodeChangeOf)));
            }
            case ("stop", 2): return new Stop(Mods(t[1]));
            case ("start", 2): return new Start(Mods(t[1]));
            case ("sync_nodes", 3) when t[2] is ErlTuple { Arity: 3 } mfa:
            {
                var (m, f, a) = Mfa(mfa);
                return new SyncNodesFrom(t[1], m, f, a);
            }
            case ("sync_nodes", 3):
            {
                var nodes = List(t[2]).Select(n => n is ErlAtom a ? a.Name : throw Fail(Erl.Tuple(Erl.Atom("bad_node"), n), $"bad node {n} (should be an atom)"));
                return new SyncNodes(t[1], ModuleList.Of(nodes.ToArray()));
            }
            case ("apply", 2) when t[1] is ErlTuple { Arity: 3 } mfa:
            {
                var (m, f, a) = Mfa(mfa);
                return new Apply(m, f, a);
            }
            default:
                throw BadInstruction(term);
        }
    }

    private static (string, string, ErlList) Mfa(ErlTuple mfa)
    {
        var m = Mod(mfa[0]);
        var f = mfa[1] is ErlAtom fa ? fa.Name : throw Fail(Erl.Tuple(Erl.Atom("bad_func"), mfa[1]), $"bad function {mfa[1]} (should be an atom)");
        var a = mfa[2] as ErlList ?? throw Fail(Erl.Tuple(Erl.Atom("bad_args_list"), mfa[2]), $"bad argument list {mfa[2]}");
        return (m, f, a);
    }

    private static SuspendedModule Suspended(Term term) => term is ErlTuple { Arity: 2 } mt
        ? new SuspendedModule(Mod(mt[0]), Timeout(mt[1]))
        : new SuspendedModule(Mod(term));

    private static CodeChangeModule CodeChangeOf(Term term) => term is ErlTuple { Arity: 2 } me
        ? new CodeChangeModule(Mod(me[0]), me[1])
        : throw Fail(Erl.Tuple(Erl.Atom("bad_code_change"), term), $"bad code_change entry {term} (should be {{Mod, Extra}})");

    private static ImmutableArray<Term> List(Term term) => term is ErlList { IsProper: true } l
        ? l.Elements
        : throw Fail(Erl.Tuple(Erl.Atom("bad_list"), term), $"bad list {term}");

    private static ModuleList Mods(Term term) => ModuleList.Of(List(term).Select(Mod).ToArray());

    private static string Mod(Term term) => term is ErlAtom a
        ? a.Name
        : throw Fail(Erl.Tuple(Erl.Atom("bad_module"), term), $"bad module {term} (should be an atom)");

    private static string App(Term term) => term is ErlAtom a
        ? a.Name
        : throw Fail(Erl.Tuple(Erl.Atom("bad_application"), term), $"bad application {term} (should be an atom)");

    private static ModuleChange Change(Term term) => term switch
    {
        ErlAtom { Name: "soft" } => ModuleChange.Soft,
        ErlTuple { Arity: 2 } t when Erl.IsAtom(t[0], "advanced") => ModuleChange.Advanced(t[1]),
        _ => throw Fail(Erl.Tuple(Erl.Atom("bad_change"), term), $"bad change {term} (should be soft | {{advanced, Extra}})"),
    };

    private static PurgeMethod Purge(Term term) => term switch
    {
        ErlAtom { Name: "soft_purge" } => PurgeMethod.SoftPurge,
        ErlAtom { Name: "brutal_purge" } => PurgeMethod.BrutalPurge,
        _ => throw Fail(Erl.Tuple(Erl.Atom("bad_purge_method"), term), $"bad purge method {term} (should be soft_purge | brutal_purge)"),
    };

    private static ModuleType ModType(Term term) => term switch
    {
        ErlAtom { Name: "static" } => ModuleType.Static,
        ErlAtom { Name: "dynamic" } => ModuleType.Dynamic,
        _ => throw Fail(Erl.Tuple(Erl.Atom("bad_mod_type"), term), $"bad module type {term} (should be static | dynamic)"),
    };

    private static UpgradeTimeout Timeout(Term term) => term switch
    {
        ErlAtom { Name: "default" } => UpgradeTimeout.Default,
        ErlAtom { Name: "infinity" } => UpgradeTimeout.Infinity,
        ErlInteger { Value.Sign: > 0 } i => UpgradeTimeout.Milliseconds(i.Value),
        _ => throw Fail(Erl.Tuple(Erl.Atom("bad_timeout"), term), $"bad timeout {term} (should be infinity | an integer > 0)"),
    };

    private static InstructionException BadInstruction(Term term) =>
        Fail(Erl.Tuple(Erl.Atom("bad_instruction"), term), $"bad instruction {term}");

    private static InstructionException Fail(Term reason, string message) => new(reason, message);
}
