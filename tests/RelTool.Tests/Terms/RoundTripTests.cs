using System.Text;
using CsCheck;
using RelTool.Formats.Terms;
using RelTool.Tests.Erlang;

namespace RelTool.Tests.Terms;

public class RoundTripTests
{
    [Fact]
    public void Pretty_then_parse_is_the_identity() =>
        TermGenerators.Terms().Sample(t => Assert.Equal(t, TermReader.Parse(ConsultFile.FormatTerms(t), "t")[0]), iter: 2000);

    [Fact]
    public void Flat_then_parse_is_the_identity() =>
        TermGenerators.Terms().Sample(t => Assert.Equal(t, TermReader.Parse(TermPrinter.Flat(t) + ".", "t")[0]), iter: 2000);

    [Fact]
    public void Narrow_layouts_still_parse_back() =>
        Gen.Select(TermGenerators.Terms(), Gen.Int[1, 40], Gen.Int[1, 30]).Sample((t, col, width) =>
            Assert.Equal(t, TermReader.Parse(TermPrinter.Pretty(t, width, col) + ".", "t")[0]), iter: 1000);

    [Fact]
    public void Parse_then_print_of_our_output_is_stable() =>
        TermGenerators.Terms().Sample(t =>
        {
            var once = ConsultFile.FormatOtp(t);
            Assert.Equal(once, ConsultFile.FormatOtp(TermReader.Parse(once, "t")[0]));
        }, iter: 1000);

    [Fact]
    public void Erl_file_consult_reads_what_we_print_as_the_same_terms()
    {
        var terms = TermGenerators.Terms().Array[500].Single();
        var dir = Directory.CreateTempSubdirectory("reltool-consult-");
        try
        {
            var ours = Path.Combine(dir.FullName, "ours.config");
            var canonical = Path.Combine(dir.FullName, "canonical.config");
            File.WriteAllText(ours, "%% coding: utf-8\n" + ConsultFile.FormatTerms([.. terms]), new UTF8Encoding(false));
            File.WriteAllText(canonical, string.Concat(terms.Select(t => TermGenerators.Canonical(t) + ".\n")));
            var output = ErlRunner.Eval(
                $"{{ok, A}} = file:consult({ErlRunner.Literal(ours)}), {{ok, B}} = file:consult({ErlRunner.Literal(canonical)}), " +
                "io:format(\"~w~n\", [[I || {I, X, Y} <- lists:zip3(lists:seq(1, length(A)), A, B), X =/= Y]])");
            Assert.Equal("[]", output.Trim());
        }
        finally { dir.Delete(recursive: true); }
    }
}
