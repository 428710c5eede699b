using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;

namespace RelTool.Core.Diff.Appup;

/// <summary>The appup reltool generates for one application and one upgrade path.</summary>
/// <param name="Up">add_module, update, load_module and delete_module instructions (RelTool.Formats.Manifests.Instructions).</param>
public sealed record GeneratedAppup(string Application, string OldVersion, string NewVersion,
    ImmutableArray<Instruction> Up, ImmutableArray<Instruction> Down)
{
    /// <summary>{"NewVsn", [{"OldVsn", Up}], [{"OldVsn", Down}]}</summary>
    public AppupFile ToAppupFile() => new(NewVersion,
        ValueList.Of(new AppupEntry(AppupVersion.Exact(OldVersion), ValueList.Of(Up))),
        ValueList.Of(new AppupEntry(AppupVersion.Exact(OldVersion), ValueList.Of(Down))));

    /// <summary>The file text, readable by file:consult.</summary>
    public string ToText() => ToAppupFile().Format();
}
