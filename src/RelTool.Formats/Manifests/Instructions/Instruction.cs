using RelTool.Formats.Terms;

namespace RelTool.Formats.Manifests.Instructions;

/// <summary>
/// One instruction of an appup or relup script (appup(4)). Records hold the full meaning of an
/// instruction with defaults filled in; <see cref="ToTerm"/> writes the shortest form OTP reads back
/// to the same meaning.
/// </summary>
public abstract record Instruction
{
    public abstract Term ToTerm();

    public override string ToString() => TermPrinter.Flat(ToTerm());
}

/// <summary>An instruction that names modules whose code must be loaded after the modules it lists (update, load_module, add_module, delete_module).</summary>
public interface IModuleDependent
{
    string Module { get; }
    ModuleList DepMods { get; }
}
