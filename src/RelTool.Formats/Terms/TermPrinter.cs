using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>Prints terms as OTP 25 does with io_lib:format("~tp") under erl's defaults (+pc latin1) (docs/relup-rules.md, "Printing").</summary>
public static class TermPrinter
{
    /// <summary>
    /// The term on one line: io_lib_pretty's one-line form, i.e. what ~tp prints when the term fits.
    /// Unlike ~tw, printable lists show as strings and printable binaries as &lt;&lt;"..."&gt;&gt;.
    /// </summary>
    public static string Flat(Term term)
    {
        var sb = new StringBuilder();
        LayoutNode.Of(term).WriteFlat(sb);
        return sb.ToString();
    }

    /// <summary>Exactly io_lib:format("~tp", [Term]) of OTP 25 (io_lib_pretty), for the given line length and start column.</summary>
    public static string Pretty(Term term, int lineLength = 80, int startColumn = 1) => PrettyLayout.Print(term, lineLength, startColumn);
}
