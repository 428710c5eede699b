using System.Text;
using CsCheck;
using RelTool.Formats;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Tests.Terms;

/// <summary>
/// Hostile and damaged term files (nested, truncated, mutated): the reader and the manifest readers above it either
/// return terms or throw a FileProblemException that names the file — never anything else, and never a stack overflow
/// (which would end this test process, as it ended a node reading a relup from a tarball).
/// </summary>
public class TermReaderFuzzTests
{
    private const string File = "fuzz.relup";

    /// <summary>Every reader a node or the CLI applies to a term file it did not write.</summary>
    private static void ReadEveryWay(string text)
    {
        Survives(() => TermReader.Parse(text, File));
        Survives(() => TermReader.ParseWithPositions(text, File));
        Survives(() => RelupFile.Parse(TermReader.Parse(text, File), File));
        Survives(() => AppupFile.Parse(TermReader.Parse(text, File), File));
        Survives(() => ReleasesFile.Parse(text, File));
        Survives(() => RelFile.Parse(text, File));
        Survives(() => AppFile.Parse(text, File));
    }

    private static void Survives(Action read)
    {
        try { read(); }
        catch (FileProblemException e) { Assert.Contains(File, e.Message); }
    }

    private static string Nested(string open, string close, int depth) =>
        new StringBuilder().Insert(0, open, depth).Append('a').Insert(open.Length * depth + 1, close, depth).Append('.').ToString();

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{", "}")]
    [InlineData("[{", "}]")]
    [InlineData("{x,[", "]}")]
    public void A_term_nested_100000_deep_is_refused_naming_the_file_line_and_limit(string open, string close)
    {
        var text = "%% coding: utf-8\n" + Nested(open, close, 100_000);
        var e = Assert.Throws<TermSyntaxException>(() => TermReader.Parse(text, File));
        Assert.Equal(2, e.Line);
        Assert.Contains($"{TermParser.MaxDepth} levels", e.Message);
        Assert.StartsWith($"{File}:2:", e.Message);
        ReadEveryWay(text);
    }

    [Fact]
    public void The_issues_relup_of_100000_nested_lists_is_refused()
    {
        var text = "{\"0.3.0\",[{\"0.1.0\",[]," + new string('[', 100_000) + new string(']', 100_000) + "}],[]}.";
        Assert.Throws<TermSyntaxException>(() => RelupFile.Parse(TermReader.Parse(text, File), File));
    }

    [Fact]
    public void Terms_nested_up_to_the_limit_still_parse()
    {
        var term = TermReader.Parse(Nested("[", "]", TermParser.MaxDepth), File)[0];
        var levels = 0;
        while (term is ErlList { Elements.Length: 1 } list) { term = list.Elements[0]; levels++; }
        Assert.Equal(TermParser.MaxDepth, levels);
        Assert.Throws<TermSyntaxException>(() => TermReader.Parse(Nested("[", "]", TermParser.MaxDepth + 1), File));
    }

    [Fact]
    public void Nested_inputs_of_any_depth_and_shape_never_crash() =>
        Gen.Select(Gen.Int[0, 60_000], Gen.OneOfConst(("[", "]"), ("{", "}"), ("[a,", "]"), ("{a,", "}"), ("[a|", "]"), ("<<", ">>")), Gen.Bool)
            .Sample((depth, pair, closed) =>
            {
                var text = closed ? Nested(pair.Item1, pair.Item2, depth) : new StringBuilder().Insert(0, pair.Item1, depth).ToString();
                ReadEveryWay(text);
            }, iter: 60);

    /// <summary>Files the printer wrote (relup-like terms), cut anywhere.</summary>
    [Fact]
    public void Truncated_files_never_crash() =>
        Gen.Select(TermGenerators.Terms(), Gen.Double[0, 1]).Sample((term, cut) =>
        {
            var text = ConsultFile.FormatOtp(term);
            ReadEveryWay(text[..(int)(text.Length * cut)]);
        }, iter: 1000);

    private static readonly string[] Insertions = ["[", "]", "{", "}", "<<", ">>", ",", "|", ".", "'", "\"", "$", "\\", "%", "-", "#", "16#", "1.0e", "\n", "\u0000", "😀", "/utf8"];

    /// <summary>Printed terms with bytes flipped, deleted and tokens inserted.</summary>
    [Fact]
    public void Mutated_files_never_crash() =>
        Gen.Select(TermGenerators.Terms(), Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, Insertions.Length - 1], Gen.Char).Array[1, 8])
            .Sample((term, mutations) =>
            {
                var text = new StringBuilder(ConsultFile.FormatOtp(term));
                foreach (var (kind, at, insertion, c) in mutations)
                {
                    var i = (int)(text.Length * at);
                    switch (kind)
                    {
                        case 0: text.Insert(i, Insertions[insertion]); break;
                        case 1 when i < text.Length: text.Remove(i, 1); break;
                        default: if (i < text.Length) text[i] = c; break;
                    }
                }
                ReadEveryWay(text.ToString());
            }, iter: 2000);

    /// <summary>Arbitrary bytes read as UTF-8 (what File.ReadAllText gives for a damaged file).</summary>
    [Fact]
    public void Random_bytes_never_crash() =>
        Gen.Byte.Array[0, 400].Sample(bytes => ReadEveryWay(Encoding.UTF8.GetString(bytes)), iter: 2000);
}
