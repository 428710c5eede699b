using System.Numerics;
using RelTool.Formats.Terms;

namespace RelTool.Tests.Terms;

public class TermReaderTests
{
    private static Term One(string text)
    {
        var terms = TermReader.Parse(text, "t.config");
        Assert.Single(terms);
        return terms[0];
    }

    private static TermSyntaxException Fails(string text) => Assert.Throws<TermSyntaxException>(() => TermReader.Parse(text, "t.config"));

    [Theory]
    [InlineData("a.", "a")]
    [InlineData("abc_1@X.", "abc_1@X")]
    [InlineData("'Hello World'.", "Hello World")]
    [InlineData("'case'.", "case")]
    [InlineData("''.", "")]
    [InlineData("'KV.Core'.", "KV.Core")]
    [InlineData("'日本'.", "日本")]
    [InlineData("'it''s'.", null)]
    [InlineData("ßet.", "ßet")]
    [InlineData("'a\\'b'.", "a'b")]
    public void Atoms(string text, string? name)
    {
        if (name is null) { Fails(text); return; }
        Assert.Equal(Erl.Atom(name), One(text));
    }

    [Theory]
    [InlineData("0.", "0")]
    [InlineData("42.", "42")]
    [InlineData("-42.", "-42")]
    [InlineData("- 42.", "-42")]
    [InlineData("+7.", "7")]
    [InlineData("1_000_000.", "1000000")]
    [InlineData("16#FF.", "255")]
    [InlineData("16#ff_ff.", "65535")]
    [InlineData("2#1010.", "10")]
    [InlineData("36#Zz.", "1295")]
    [InlineData("-16#10.", "-16")]
    [InlineData("123456789012345678901234567890.", "123456789012345678901234567890")]
    [InlineData("$a.", "97")]
    [InlineData("$ .", "32")]
    [InlineData("$\\n.", "10")]
    [InlineData("$\\\\.", "92")]
    [InlineData("$日.", "26085")]
    [InlineData("-$a.", "-97")]
    public void Integers(string text, string value) =>
        Assert.Equal(Erl.Int(BigInteger.Parse(value)), One(text));

    [Theory]
    [InlineData("1.0.", 1.0)]
    [InlineData("-2.5.", -2.5)]
    [InlineData("1.0e10.", 1.0e10)]
    [InlineData("1.5E-3.", 1.5e-3)]
    [InlineData("2.0e+2.", 200.0)]
    [InlineData("1_0.2_5.", 10.25)]
    [InlineData("0.1.", 0.1)]
    public void Floats(string text, double value) => Assert.Equal(Erl.Float(value), One(text));

    [Theory]
    [InlineData(@"\b", 8)]
    [InlineData(@"\d", 127)]
    [InlineData(@"\e", 27)]
    [InlineData(@"\f", 12)]
    [InlineData(@"\n", 10)]
    [InlineData(@"\r", 13)]
    [InlineData(@"\s", 32)]
    [InlineData(@"\t", 9)]
    [InlineData(@"\v", 11)]
    [InlineData(@"\\", 92)]
    [InlineData(@"\'", 39)]
    [InlineData("\\\"", 34)]
    [InlineData(@"\x41", 65)]
    [InlineData(@"\xfF", 255)]
    [InlineData(@"\x{1F600}", 0x1F600)]
    [InlineData(@"\x{41}", 65)]
    [InlineData(@"\7", 7)]
    [InlineData(@"\12", 10)]
    [InlineData(@"\101", 65)]
    [InlineData(@"\777", 511)]
    [InlineData(@"\^a", 1)]
    [InlineData(@"\^Z", 26)]
    [InlineData(@"\^[", 27)]
    [InlineData(@"\q", 'q')]
    [InlineData(@"\8", '8')]
    [InlineData(@"\é", 0xE9)]
    public void EveryEscapeInStringsAtomsAndChars(string escape, int code)
    {
        Assert.Equal(Erl.List(Erl.Int(code)), One("\"" + escape + "\"."));
        Assert.Equal(Erl.Atom(char.ConvertFromUtf32(code)), One("'" + escape + "'."));
        Assert.Equal(Erl.Int(code), One("$" + escape + "."));
    }

    [Fact]
    public void Octal_escape_takes_at_most_three_digits() => Assert.Equal(Erl.Str("A4"), One(@"""\1014""."));

    [Fact]
    public void Hex_escape_takes_exactly_two_digits() => Assert.Equal(Erl.Str("Ab"), One(@"""\x41b""."));

    [Fact]
    public void Adjacent_strings_concatenate() => Assert.Equal(Erl.Str("abc"), One("\"a\" \"b\"\n%x\n \"c\"."));

    [Fact]
    public void Unicode_strings() => Assert.Equal(Erl.Str("日本 é 😀"), One("\"日本 é 😀\"."));

    [Fact]
    public void Empty_string_is_nil() => Assert.Equal(Erl.Nil, One("\"\"."));

    [Theory]
    [InlineData("<<>>.", new byte[0])]
    [InlineData("<<1,2,3>>.", new byte[] { 1, 2, 3 })]
    [InlineData("<<\"ab\">>.", new byte[] { 97, 98 })]
    [InlineData("<<\"a\",255,\"b\">>.", new byte[] { 97, 255, 98 })]
    [InlineData("<<256,-1>>.", new byte[] { 0, 255 })]
    [InlineData("<<\"é\"/utf8>>.", new byte[] { 0xC3, 0xA9 })]
    [InlineData("<<\"é\">>.", new byte[] { 0xE9 })]
    [InlineData("<< \"a\" \"b\" >>.", new byte[] { 97, 98 })]
    public void Binaries(string text, byte[] bytes) => Assert.Equal(new ErlBinary([.. bytes]), One(text));

    [Fact]
    public void Tuples_and_lists()
    {
        Assert.Equal(Erl.Tuple(), One("{}."));
        Assert.Equal(Erl.Nil, One("[]."));
        Assert.Equal(Erl.Tuple(Erl.Atom("a"), Erl.List(Erl.Int(1), Erl.Tuple(Erl.Str("x"))), Erl.Nil), One("{a, [1, {\"x\"}], []}."));
    }

    [Fact]
    public void Improper_lists()
    {
        Assert.Equal(Erl.Improper([Erl.Atom("a")], Erl.Atom("b")), One("[a|b]."));
        Assert.Equal(Erl.Improper([Erl.Int(1), Erl.Int(2)], Erl.Tuple()), One("[1,2|{}]."));
        Assert.Equal(Erl.List(Erl.Atom("a"), Erl.Atom("b")), One("[a|[b]]."));
        Assert.Equal(Erl.Improper([Erl.Atom("a"), Erl.Atom("b")], Erl.Atom("c")), One("[a|[b|c]]."));
        Assert.Equal(Erl.Improper([Erl.Atom("a"), Erl.Int('x')], Erl.Atom("c")), One("[a|[$x|c]]."));
    }

    [Fact]
    public void Several_terms_comments_and_whitespace()
    {
        var terms = TermReader.Parse("%% coding: utf-8\n{a,1}.\n\n% two\n[b]. %tail\n\"s\".", "t");
        Assert.Equal(3, terms.Length);
        Assert.Equal(Erl.Tuple(Erl.Atom("a"), Erl.Int(1)), terms[0]);
        Assert.Equal(Erl.List(Erl.Atom("b")), terms[1]);
        Assert.Equal(Erl.Str("s"), terms[2]);
    }

    [Fact]
    public void Dot_may_end_the_file_or_precede_a_comment()
    {
        Assert.Single(TermReader.Parse("a.", "t"));
        Assert.Single(TermReader.Parse("a.%c", "t"));
        Assert.Empty(TermReader.Parse("  % only a comment\n", "t"));
    }

    [Theory]
    [InlineData("[a b].", 1, 4, "expected ',' or ']' after list element, found atom b")]
    [InlineData("{a b}.", 1, 4, "expected ',' or '}' after tuple element, found atom b")]
    [InlineData("\n  [a,].", 2, 6, "expected a term after ',', found ']'")]
    [InlineData("[a|b,c].", 1, 5, "expected ']' after the tail of a list, found ','")]
    [InlineData("{a}", 1, 4, "expected '.' after a term, found end of file")]
    [InlineData("{a}.b.", 1, 4, "expected whitespace or end of file after the '.' that ends a term, found 'b'")]
    [InlineData("[X].", 1, 2, "variables are not allowed in a term file, found 'X' (quote the atom: '...')")]
    [InlineData("{a, case}.", 1, 5, "'case' is a reserved word: write it quoted as an atom ('case')")]
    [InlineData("\"abc", 1, 1, "unterminated string: expected a closing \" before end of file")]
    [InlineData("'abc", 1, 1, "unterminated atom: expected a closing ' before end of file")]
    [InlineData("37#1.", 1, 1, "base 37 is not between 2 and 36")]
    [InlineData("2#2.", 1, 3, "expected a base-2 digit after '#', found '2'")]
    [InlineData("\"\\x{D800}\".", 1, 2, "\\x{D800} is not a Unicode code point")]
    [InlineData("\"\\xg\".", 1, 2, "expected two hex digits or '{' after \\x, found 'g'")]
    [InlineData("- a.", 1, 3, "expected a number after '-', found atom a")]
    [InlineData("1.0e.", 1, 4, "expected exponent digits after 'e', found '.'")]
    [InlineData("é日 .", 1, 2, "illegal character U+65E5")]
    [InlineData("<<a>>.", 1, 3, "expected an integer or a string in a binary, found atom a")]
    [InlineData("{a}}.", 1, 4, "expected '.' after a term, found '}'")]
    [InlineData("日.", 1, 1, "illegal character U+65E5")]
    public void ErrorsNameFileLineColumnAndWhatWasExpected(string text, int line, int column, string problem)
    {
        var e = Fails(text);
        Assert.Equal(("t.config", line, column, problem), (e.File, e.Line, e.Column, e.Problem));
        Assert.Equal($"t.config:{line}:{column}: {problem}", e.Message);
    }

    [Fact]
    public void Columns_count_code_points_not_utf_16_units() =>
        Assert.Equal(("t.config", 1, 7), Pos(Fails("[\"😀😀\" x].")));

    private static (string, int, int) Pos(TermSyntaxException e) => (e.File, e.Line, e.Column);

    [Fact]
    public void Positions_of_subterms()
    {
        var parsed = TermReader.ParseWithPositions("%% c\n{release,\n   {\"n\", \"1\"},\n  [a, 'b c']}.\n", "x.rel");
        var tuple = (ErlTuple)parsed.Terms[0];
        Assert.Equal(new TermPosition(2, 1), parsed.PositionOf(tuple));
        Assert.Equal(new TermPosition(2, 2), parsed.PositionOf(tuple[0]));
        Assert.Equal(new TermPosition(3, 4), parsed.PositionOf(tuple[1]));
        Assert.Equal(new TermPosition(3, 5), parsed.PositionOf(((ErlTuple)tuple[1])[0]));
        var list = (ErlList)tuple[2];
        Assert.Equal(new TermPosition(4, 3), parsed.PositionOf(list));
        Assert.Equal(new TermPosition(4, 7), parsed.PositionOf(list[1]));
        Assert.Null(parsed.PositionOf(Erl.Atom("a")));
        Assert.Equal("x.rel", parsed.FileName);
    }

    [Fact]
    public void Equal_small_integers_get_their_own_positions()
    {
        var parsed = TermReader.ParseWithPositions("[1,\n1].", "t");
        var list = (ErlList)parsed.Terms[0];
        Assert.Equal(new TermPosition(1, 2), parsed.PositionOf(list[0]));
        Assert.Equal(new TermPosition(2, 1), parsed.PositionOf(list[1]));
    }

    [Fact]
    public void Every_one_of_many_equal_terms_keeps_its_own_position()
    {
        // Thousands of terms outgrow the position table many times over; equal terms are still told apart by instance.
        var parsed = TermReader.ParseWithPositions("[" + string.Join(",\n", Enumerable.Repeat("{a, \"b\"}", 5000)) + "].", "t");
        var list = (ErlList)parsed.Terms[0];
        Assert.Equal(new TermPosition(1, 1), parsed.PositionOf(list));
        for (var i = 0; i < list.Count; i++)
        {
            var tuple = (ErlTuple)list[i];
            var column = i == 0 ? 2 : 1;
            Assert.Equal(new TermPosition(i + 1, column), parsed.PositionOf(tuple));
            Assert.Equal(new TermPosition(i + 1, column + 1), parsed.PositionOf(tuple[0]));
            Assert.Equal(new TermPosition(i + 1, column + 4), parsed.PositionOf(tuple[1]));
        }
        Assert.Null(parsed.PositionOf(Erl.Tuple(Erl.Atom("a"), Erl.Str("b"))));
    }

    [Fact]
    public void Read_file_names_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reltool-terms-{Guid.NewGuid():N}.config");
        File.WriteAllText(path, "{ok}.\n[oops");
        try
        {
            var e = Assert.Throws<TermSyntaxException>(() => TermReader.ReadFile(path));
            Assert.Equal((path, 2, 6), (e.File, e.Line, e.Column));
        }
        finally { File.Delete(path); }
    }
}
