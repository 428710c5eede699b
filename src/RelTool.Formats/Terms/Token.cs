using System.Numerics;

namespace RelTool.Formats.Terms;

internal enum TokenKind { Atom, Integer, Float, String, Punctuation, Dot, EndOfFile }

/// <summary>One lexical token of a term file. <see cref="Text"/> is the punctuation or atom name or string content.</summary>
internal sealed record Token(TokenKind Kind, TermPosition Position, string Text = "", BigInteger Integer = default, double Float = 0, int[]? CodePoints = null)
{
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Dot => "'.'",
        TokenKind.Punctuation => $"'{Text}'",
        TokenKind.Atom => $"atom {TermPrinter.Flat(Erl.Atom(Text))}",
        TokenKind.Integer => $"integer {Integer}",
        TokenKind.Float => $"float {TermPrinter.Flat(Erl.Float(Float))}",
        TokenKind.String => "string \"" + Truncate(new string(CodePoints!.SelectMany(c => char.ConvertFromUtf32(c)).ToArray())) + "\"",
        _ => Kind.ToString(),
    };

    private static string Truncate(string s) => s.Length <= 20 ? s : s[..20] + "...";
}
