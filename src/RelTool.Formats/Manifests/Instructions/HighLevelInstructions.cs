using RelTool.Formats.Terms;
using static RelTool.Formats.Manifests.Instructions.InstructionAtoms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>
/// <c>{update, Mod, ModType, Timeout, Change, PrePurge, PostPurge, DepMods}</c> and all its shorter forms:
/// replaces the code of a process module, suspending its processes.
/// </summary>
public sealed record Update(
    string Module,
    ModuleChange Change,
    ModuleList DepMods,
    ModuleType ModuleType = ModuleType.Dynamic,
    UpgradeTimeout? Timeout = null,
    PurgeMethod PrePurge = PurgeMethod.BrutalPurge,
    PurgeMethod PostPurge = PurgeMethod.BrutalPurge) : Instruction, IModuleDependent
{
    public UpgradeTimeout Timeout { get; init; } = Timeout ?? UpgradeTimeout.Default;

    /// <summary><c>{update, Mod}</c>: a soft update.</summary>
    public static Update Soft(string module, params string[] depMods) => new(module, ModuleChange.Soft, ModuleList.Of(depMods));

    /// <summary><c>{update, Mod, {advanced, Extra}, DepMods}</c>.</summary>
    public static Update Advanced(string module, Term extra, params string[] depMods) =>
        new(module, ModuleChange.Advanced(extra), ModuleList.Of(depMods));

    /// <summary><c>{update, Mod, supervisor}</c>: static, advanced with [].</summary>
    public static Update Supervisor(string module) =>
        new(module, ModuleChange.Advanced(Erl.Nil), ModuleList.Empty, ModuleType.Static);

    private bool BrutalBoth => PrePurge == PurgeMethod.BrutalPurge && PostPurge == PurgeMethod.BrutalPurge;

    public override Term ToTerm()
    {
        var tag = Erl.Atom("update");
        var mod = Erl.Atom(Module);
        var isDefaultTimeout = Timeout == UpgradeTimeout.Default;
        if (ModuleType == ModuleType.Static)
        {
            if (isDefaultTimeout && BrutalBoth && DepMods.Count == 0 && Change == ModuleChange.Advanced(Erl.Nil))
                return Erl.Tuple(tag, mod, Erl.Atom("supervisor"));
            return Erl.Tuple(tag, mod, Erl.Atom(Of(ModuleType)), Timeout.ToTerm(), Change.ToTerm(),
                Atom(PrePurge), Atom(PostPurge), DepMods.ToTerm());
        }
        if (!isDefaultTimeout)
            return Erl.Tuple(tag, mod, Timeout.ToTerm(), Change.ToTerm(), Atom(PrePurge), Atom(PostPurge), DepMods.ToTerm());
        if (!BrutalBoth)
            return Erl.Tuple(tag, mod, Change.ToTerm(), Atom(PrePurge), Atom(PostPurge), DepMods.ToTerm());
        return (Change, DepMods.Count) switch
        {
            (SoftChange, 0) => Erl.Tuple(tag, mod),
            (SoftChange, _) => Erl.Tuple(tag, mod, DepMods.ToTerm()),
            (_, 0) => Erl.Tuple(tag, mod, Change.ToTerm()),
            _ => Erl.Tuple(tag, mod, Change.ToTerm(), DepMods.ToTerm()),
        };
    }
}

/// <summary><c>{load_module, Mod, PrePurge, PostPurge, DepMods}</c> and its shorter forms: loads new code of a module.</summary>
public sealed record LoadModule(
    string Module,
    ModuleList DepMods,
    PurgeMethod PrePurge = PurgeMethod.BrutalPurge,
    PurgeMethod PostPurge = PurgeMethod.BrutalPurge) : Instruction, IModuleDependent
{
    public static LoadModule Of(string module, params string[] depMods) => new(module, ModuleList.Of(depMods));

    public override Term ToTerm()
    {
        var tag = Erl.Atom("load_module");
        if (PrePurge != PurgeMethod.BrutalPurge || PostPurge != PurgeMethod.BrutalPurge)
            return Erl.Tuple(tag, Erl.Atom(Module), Atom(PrePurge), Atom(PostPurge), DepMods.ToTerm());
        return DepMods.Count == 0 ? Erl.Tuple(tag, Erl.Atom(Module)) : Erl.Tuple(tag, Erl.Atom(Module), DepMods.ToTerm());
    }
}

/// <summary><c>{add_module, Mod}</c> / <c>{add_module, Mod, DepMods}</c>: loads a module new in this version.</summary>
public sealed record AddModule(string Module, ModuleList DepMods) : Instruction, IModuleDependent
{
    public static AddModule Of(string module, params string[] depMods) => new(module, ModuleList.Of(depMods));

    public override Term ToTerm() => DepMods.Count == 0
        ? Erl.Tuple(Erl.Atom("add_module"), Erl.Atom(Module))
        : Erl.Tuple(Erl.Atom("add_module"), Erl.Atom(Module), DepMods.ToTerm());
}

/// <summary><c>{delete_module, Mod}</c> / <c>{delete_module, Mod, DepMods}</c>: removes a module gone in this version.</summary>
public sealed record DeleteModule(string Module, ModuleList DepMods) : Instruction, IModuleDependent
{
    public static DeleteModule Of(string module, params string[] depMods) => new(module, ModuleList.Of(depMods));

    public override Term ToTerm() => DepMods.Count == 0
        ? Erl.Tuple(Erl.Atom("delete_module"), Erl.Atom(Module))
        : Erl.Tuple(Erl.Atom("delete_module"), Erl.Atom(Module), DepMods.ToTerm());
}

/// <summary><c>{add_application, App, Type}</c> (Type defaults to permanent).</summary>
public sealed record AddApplication(string Application, StartType Type = StartType.Permanent) : Instruction
{
    public override Term ToTerm() => Type == StartType.Permanent
        ? Erl.Tuple(Erl.Atom("add_application"), Erl.Atom(Application))
        : Erl.Tuple(Erl.Atom("add_application"), Erl.Atom(Application), Atom(Type));
}

/// <summary><c>{remove_application, App}</c>.</summary>
public sealed record RemoveApplication(string Application) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("remove_application"), Erl.Atom(Application));
}

/// <summary><c>{restart_application, App}</c>: stop, reload every module, start again.</summary>
public sealed record RestartApplication(string Application) : Instruction
{
    public override Term ToTerm() => Erl.Tuple(Erl.Atom("restart_application"), Erl.Atom(Application));
}

/// <summary><c>restart_new_emulator</c>: reboot into the new runtime (and new core applications) before anything else.</summary>
public sealed record RestartNewEmulator : Instruction
{
    public static readonly RestartNewEmulator Instance = new();
    public override Term ToTerm() => Erl.Atom("restart_new_emulator");
}

/// <summary><c>restart_emulator</c>: restart the runtime after all other instructions.</summary>
public sealed record RestartEmulator : Instruction
{
    public static readonly RestartEmulator Instance = new();
    public override Term ToTerm() => Erl.Atom("restart_emulator");
}
