using System.Text;
using CsCheck;
using RelTool.Formats.Terms;
using RelTool.Tests.Erlang;

namespace RelTool.Tests.Terms;

/// <summary>TermPrinter against the real io_lib_pretty of the installed erl (one erl run per batch of terms).</summary>
public class PrinterDifferentialTests
{
    /// <summary>What erl prints for each term with io_lib_pretty at the given column and line length (unicode, as ~tp).</summary>
    private static List<string> ErlPrints(IReadOnlyList<Term> terms, IReadOnlyList<(int Column, int LineLength)> layouts)
    {
        var dir = Directory.CreateTempSubdirectory("reltool-erl-");
        try
        {
            var input = Path.Combine(dir.FullName, "terms.txt");
            var sb = new StringBuilder();
            for (var i = 0; i < terms.Count; i++)
                sb.Append($"{{{layouts[i].Column},{layouts[i].LineLength},{TermGenerators.Canonical(terms[i])}}}.\n");
            File.WriteAllText(input, sb.ToString());
            var output = ErlRunner.Eval(
                $"{{ok, Ts}} = file:consult({ErlRunner.Literal(input)}), " +
                "lists:foreach(fun({C, L, T}) -> " +
                "  S = io_lib_pretty:print(T, [{column, C}, {line_length, L}, {encoding, unicode}]), " +
                "  io:format(\"~s~n\", [binary:encode_hex(unicode:characters_to_binary(S))]) end, Ts)");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(hex => Encoding.UTF8.GetString(Convert.FromHexString(hex.Trim()))).ToList();
        }
        finally { dir.Delete(recursive: true); }
    }

    private static void Compare(IReadOnlyList<Term> terms, IReadOnlyList<(int Column, int LineLength)> layouts)
    {
        var expected = ErlPrints(terms, layouts);
        Assert.Equal(terms.Count, expected.Count);
        var failures = new List<string>();
        for (var i = 0; i < terms.Count; i++)
        {
            var actual = TermPrinter.Pretty(terms[i], layouts[i].LineLength, layouts[i].Column);
            if (actual != expected[i])
                failures.Add($"column {layouts[i].Column}, line length {layouts[i].LineLength}, term {Shorten(TermGenerators.Canonical(terms[i]))}\n{Golden.TextDiff.Describe(expected[i], actual, 3)}");
        }
        if (failures.Count == 0) return;
        var saved = Path.Combine(Path.GetTempPath(), $"reltool-printer-failures-{Guid.NewGuid():N}.txt");
        File.WriteAllText(saved, string.Concat(Enumerable.Range(0, terms.Count)
            .Where(i => TermPrinter.Pretty(terms[i], layouts[i].LineLength, layouts[i].Column) != expected[i])
            .Select(i => $"{{{layouts[i].Column},{layouts[i].LineLength},{TermGenerators.Canonical(terms[i])}}}.\n")));
        Assert.Fail($"{failures.Count} of {terms.Count} terms print differently (all saved as {{Column,LineLength,Term}} in {saved}):\n" + string.Join("\n", failures.Take(4)));
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "...";

    /// <summary>
    /// Found by WideAndDeepTermsBreakLikeErl: U+0897 is unassigned in OTP 25's Unicode 14 but a combining
    /// mark in .NET's newer Unicode, so for erl these atoms are a character longer than .NET's StringInfo says.
    /// </summary>
    [Fact]
    public void Atoms_with_characters_newer_than_unicode_14_break_like_erl()
    {
        var pair = Erl.List(Erl.Atom(new string('a', 73)), Erl.Atom("\u0897"));
        var row = Erl.List(Enumerable.Repeat<Term>(Erl.Atom("\u2EAE\u0897\u00A6"), 16));
        Compare([pair, row], [(1, 80), (1, 80)]);
        Assert.Equal("[" + new string('a', 73) + ",\n '\u0897']", TermPrinter.Pretty(pair));
        var atom = "'\u2EAE\u0897\u00A6'";
        Assert.Equal("[" + string.Join(",", Enumerable.Repeat(atom, 12)) + ",\n " + string.Join(",", Enumerable.Repeat(atom, 4)) + "]", TermPrinter.Pretty(row));
    }

    [Fact]
    public void Random_terms_print_as_tilde_tp_at_column_1_width_80()
    {
        var terms = TermGenerators.Terms().Array[600].Single();
        Compare(terms, terms.Select(_ => (1, 80)).ToList());
    }

    [Fact]
    public void Random_terms_print_as_io_lib_pretty_at_other_columns_and_widths()
    {
        var cases = Gen.Select(TermGenerators.Terms(), Gen.Int[1, 60], Gen.Int[20, 120]).Array[400].Single();
        Compare(cases.Select(c => c.Item1).ToList(), cases.Select(c => (c.Item2, c.Item3)).ToList());
    }

    [Fact]
    public void Wide_and_deep_terms_break_like_erl()
    {
        var wide = Gen.Select(TermGenerators.Atoms, TermGenerators.Terms(3).Array[8, 20], (tag, rest) => (Term)Erl.Tuple([tag, .. rest])).Array[100].Single();
        var deep = TermGenerators.Terms(6).Array[100].Single();
        var terms = wide.Concat(deep).ToList();
        Compare(terms, terms.Select(_ => (1, 80)).ToList());
    }
}
