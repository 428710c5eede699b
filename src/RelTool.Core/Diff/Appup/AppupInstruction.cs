using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Appup;

/// <summary>A high-level appup instruction about one module, as reltool generates them.</summary>
public abstract record AppupInstruction(string Module)
{
    public abstract Term ToTerm();

    protected static ErlList Atoms(ImmutableArray<string> names) => Erl.List(names.Select(n => (Term)Erl.Atom(n)));
}

/// <summary>{add_module, M}</summary>
public sealed record AddModule(string Module) : AppupInstruction(Module)
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("add_module"), Erl.Atom(Module));
}

/// <summary>{delete_module, M}</summary>
public sealed record DeleteModule(string Module) : AppupInstruction(Module)
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("delete_module"), Erl.Atom(Module));
}

/// <summary>{update, M, {advanced, []}, Deps}: M holds a hot-swappable server whose state goes through CodeChange.</summary>
public sealed record UpdateModule(string Module, ImmutableArray<string> Deps) : AppupInstruction(Module)
{
    public override Term ToTerm() =>
        Erl.Tuple(Erl.Atom("update"), Erl.Atom(Module), Erl.Tuple(Erl.Atom("advanced"), Erl.Nil), Atoms(Deps));
}

/// <summary>{load_module, M, Deps}</summary>
public sealed record LoadModule(string Module, ImmutableArray<string> Deps) : AppupInstruction(Module)
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("load_module"), Erl.Atom(Module), Atoms(Deps));
}
