using System.Collections.Immutable;
using RelTool.Formats.Terms;

namespace RelTool.Core.Diff.Appup;

/// <summary>The appup reltool generates for one application and one upgrade path.</summary>
public sealed record GeneratedAppup(string Application, string OldVersion, string NewVersion,
    ImmutableArray<AppupInstruction> Up, ImmutableArray<AppupInstruction> Down)
{
    /// <summary>{"NewVsn", [{"OldVsn", Up}], [{"OldVsn", Down}]}</summary>
    public Term ToTerm() => Erl.Tuple(
        Erl.Str(NewVersion),
        Erl.List(Erl.Tuple(Erl.Str(OldVersion), Erl.List(Up.Select(i => i.ToTerm())))),
        Erl.List(Erl.Tuple(Erl.Str(OldVersion), Erl.List(Down.Select(i => i.ToTerm())))));

    /// <summary>The file text, readable by file:consult.</summary>
    public string ToText() => ConsultFile.FormatTerms(ToTerm());
}
