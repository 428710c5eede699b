using RelTool.Formats.Terms;
using static RelTool.Formats.Manifests.Instructions.InstructionAtoms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary><c>{load_object_code, {App, Vsn, [Mod]}}</c>: reads the object code of the modules of App-Vsn (before point_of_no_return).</summary>
public sealed record LoadObjectCode(string Application, string Vsn, ModuleList Modules) : Instruction
{
    public override Term ToTerm() =>
        Erl.Tuple(Erl.Atom("load_object_code"), Erl.Tuple(Erl.Atom(Application), Erl.Str(Vsn), Modules.ToTerm()));
}

/// <summary><c>point_of_no_return</c>: a failure after it restarts the old release.</summary>
public sealed record PointOfNoReturn : Instruction
{
    public static readonly PointOfNoReturn Instance = new();
    public override Term ToTerm() => Erl.Atom("point_of_no_return");
}

/// <summary><c>{load, {Mod, PrePurge, PostPurge}}</c>: makes the loaded object code of Mod current.</summary>
public sealed record Load(string Module, PurgeMethod PrePurge = PurgeMethod.BrutalPurge, PurgeMethod PostPurge = PurgeMethod.BrutalPurge) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("load"), Erl.Tuple(Erl.Atom(Module), Atom(PrePurge), Atom(PostPurge)));
}

/// <summary><c>{remove, {Mod, PrePurge, PostPurge}}</c>: makes the current code of Mod old.</summary>
public sealed record Remove(string Module, PurgeMethod PrePurge = PurgeMethod.BrutalPurge, PurgeMethod PostPurge = PurgeMethod.BrutalPurge) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("remove"), Erl.Tuple(Erl.Atom(Module), Atom(PrePurge), Atom(PostPurge)));
}

/// <summary><c>{purge, [Mod]}</c>: kills processes running old code of the modules and purges it.</summary>
public sealed record Purge(ModuleList Modules) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("purge"), Modules.ToTerm());
}

/// <summary>A module in a suspend list: a bare name, or <c>{Mod, Timeout}</c> when a timeout is given.</summary>
public sealed record SuspendedModule(string Module, UpgradeTimeout? Timeout = null)
{
    public Term ToTerm() => Timeout is null ? Erl.Atom(Module) : Erl.Tuple(Erl.Atom(Module), Timeout.ToTerm());
}

/// <summary><c>{suspend, [Mod | {Mod, Timeout}]}</c>.</summary>
public sealed record Suspend(ValueList<SuspendedModule> Modules) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("suspend"), Erl.List(Modules.Select(m => m.ToTerm())));
}

/// <summary><c>{resume, [Mod]}</c>.</summary>
public sealed record Resume(ModuleList Modules) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("resume"), Modules.ToTerm());
}

/// <summary>The direction of a code_change: up, down, or none for the old two-element form.</summary>
public enum CodeChangeMode { Up, Down }

/// <summary>A <c>{Mod, Extra}</c> pair of a code_change.</summary>
public sealed record CodeChangeModule(string Module, Term Extra)
{
    public Term ToTerm() => Erl.Tuple(Erl.Atom(Module), Extra);
}

/// <summary><c>{code_change, Mode, [{Mod, Extra}]}</c>, or <c>{code_change, [{Mod, Extra}]}</c> when Mode is null.</summary>
public sealed record CodeChange(CodeChangeMode? Mode, ValueList<CodeChangeModule> Modules) : Instruction
{
    public override Term ToTerm()
    {
        var mods = Erl.List(Modules.Select(m => m.ToTerm()));
        return Mode is null
            ? Erl.Tuple(Erl.Atom("code_change"), mods)
            : Erl.Tuple(Erl.Atom("code_change"), Erl.Atom(Mode == CodeChangeMode.Up ? "up" : "down"), mods);
    }
}

/// <summary><c>{stop, [Mod]}</c>: stops the processes of the modules (via their supervisors).</summary>
public sealed record Stop(ModuleList Modules) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("stop"), Modules.ToTerm());
}

/// <summary><c>{start, [Mod]}</c>: restarts the processes stopped by stop.</summary>
public sealed record Start(ModuleList Modules) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("start"), Modules.ToTerm());
}

/// <summary><c>{sync_nodes, Id, [Node]}</c>.</summary>
public sealed record SyncNodes(Term Id, ModuleList Nodes) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("sync_nodes"), Id, Nodes.ToTerm());
}

/// <summary><c>{sync_nodes, Id, {M, F, A}}</c>: the nodes are what apply(M, F, A) returns.</summary>
public sealed record SyncNodesFrom(Term Id, string Module, string Function, ErlList Args) : Instruction
{
    public override Term ToTerm() =>
        Erl.Tuple(Erl.Atom("sync_nodes"), Id, Erl.Tuple(Erl.Atom(Module), Erl.Atom(Function), Args));
}

/// <summary><c>{apply, {M, F, A}}</c>.</summary>
public sealed record Apply(string Module, string Function, ErlList Args) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("apply"), Erl.Tuple(Erl.Atom(Module), Erl.Atom(Function), Args));
}

/// <summary>The undocumented atoms <c>restart</c> and <c>reboot</c>, which systools still accepts and passes through.</summary>
public sealed record LegacyRestart(string Name) : Instruction
{
    public override Term ToTerm() => Erl.Atom(Name);
}
