using System.Globalization;
using System.Numerics;
using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>Splits term text into tokens the way erl_scan does for the subset file:consult terms use.</summary>
internal sealed class TermLexer
{
    private readonly int[] text;
    private readonly string fileName;
    private int index;
    private int line = 1;
    private int column = 1;

    public TermLexer(string source, string fileName)
    {
        text = Erl.CodePointArray(source);
        this.fileName = fileName;
    }

    private int Peek(int ahead = 0) => index + ahead < text.Length ? text[index + ahead] : -1;

    private int Advance()
    {
        var c = text[index++];
        if (c == '\n') { line++; column = 1; }
        else column++;
        return c;
    }

    private TermPosition Here => new(line, column);

    private TermSyntaxException Error(TermPosition at, string problem) => new(fileName, at.Line, at.Column, problem);

    public Token Next()
    {
        SkipWhiteSpaceAndComments();
        var start = Here;
        var c = Peek();
        if (c < 0) return new Token(TokenKind.EndOfFile, start);
        if (c is >= 'a' and <= 'z' || IsLatin1Lower(c)) return ReadBareAtom(start);
        if (c is >= '0' and <= '9') return ReadNumber(start);
        switch (c)
        {
            case '\'': Advance(); return new Token(TokenKind.Atom, start, ToText(ReadQuoted('\'', start, "atom")));
            case '"': Advance(); return new Token(TokenKind.String, start, CodePoints: ReadQuoted('"', start, "string"));
            case '$': return ReadChar(start);
            case '.':
                Advance();
                var after = Peek();
                if (after < 0 || after == '%' || IsWhiteSpace(after)) return new Token(TokenKind.Dot, start);
                throw Error(start, $"expected whitespace or end of file after the '.' that ends a term, found {DescribeChar(after)}");
            case '<' when Peek(1) == '<': Advance(); Advance(); return new Token(TokenKind.Punctuation, start, "<<");
            case '>' when Peek(1) == '>': Advance(); Advance(); return new Token(TokenKind.Punctuation, start, ">>");
            case '{' or '}' or '[' or ']' or ',' or '|' or '-' or '+' or '/' or ':':
                Advance();
                return new Token(TokenKind.Punctuation, start, ((char)c).ToString());
        }
        if (c is >= 'A' and <= 'Z' or '_' || IsLatin1Upper(c))
            throw Error(start, $"variables are not allowed in a term file, found {DescribeChar(c)} (quote the atom: '...')");
        throw Error(start, $"illegal character {DescribeChar(c)}");
    }

    private void SkipWhiteSpaceAndComments()
    {
        while (true)
        {
            var c = Peek();
            if (c == '%') { while (Peek() is >= 0 and not '\n') Advance(); }
            else if (c >= 0 && IsWhiteSpace(c)) Advance();
            else return;
        }
    }

    private static bool IsWhiteSpace(int c) => c is >= 0 and <= ' ' or >= 0x80 and <= 0xA0;
    private static bool IsLatin1Lower(int c) => c is >= 0xDF and <= 0xFF and not 0xF7;
    private static bool IsLatin1Upper(int c) => c is >= 0xC0 and <= 0xDE and not 0xD7;
    internal static bool IsNameChar(int c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '@' || IsLatin1Lower(c) || IsLatin1Upper(c);

    private static string DescribeChar(int c) => c < 0 ? "end of file" : c is > ' ' and < 0x7F ? $"'{(char)c}'" : $"U+{c:X4}";

    private static string ToText(int[] codePoints)
    {
        var sb = new StringBuilder(codePoints.Length);
        foreach (var cp in codePoints) sb.Append(char.ConvertFromUtf32(cp));
        return sb.ToString();
    }

    private Token ReadBareAtom(TermPosition start)
    {
        var sb = new StringBuilder();
        while (Peek() >= 0 && IsNameChar(Peek())) sb.Append((char)Advance());
        var name = sb.ToString();
        if (ReservedWords.Contains(name))
            throw Error(start, $"'{name}' is a reserved word: write it quoted as an atom ('{name}')");
        return new Token(TokenKind.Atom, start, name);
    }

    internal static readonly HashSet<string> ReservedWords =
    [
        // OTP 25 erl_scan:f_reserved_word; maybe/else are keywords only with the maybe_expr feature, off by default.
        "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond",
        "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor",
    ];

    private int[] ReadQuoted(int quote, TermPosition start, string what)
    {
        var result = new List<int>();
        while (true)
        {
            var c = Peek();
            if (c < 0) throw Error(start, $"unterminated {what}: expected a closing {(char)quote} before end of file");
            if (c == quote) { Advance(); return result.ToArray(); }
            if (c == '\\') result.Add(ReadEscape());
            else result.Add(ReadLiteralChar());
        }
    }

    private int ReadLiteralChar()
    {
        var at = Here;
        var c = Advance();
        if (c is >= 0xD800 and <= 0xDFFF) throw Error(at, $"illegal character {DescribeChar(c)} (a lone surrogate)");
        return c;
    }

    private Token ReadChar(TermPosition start)
    {
        Advance();
        var c = Peek();
        if (c < 0) throw Error(start, "expected a character after '$', found end of file");
        var value = c == '\\' ? ReadEscape() : ReadLiteralChar();
        return new Token(TokenKind.Integer, start, Integer: value);
    }

    /// <summary>Reads a backslash escape (erl_scan:scan_escape); the reader is on the backslash.</summary>
    private int ReadEscape()
    {
        var start = Here;
        Advance();
        var c = Peek();
        if (c < 0) throw Error(start, "expected an escape character after '\\', found end of file");
        if (IsOctal(c))
        {
            var value = 0;
            for (var n = 0; n < 3 && IsOctal(Peek()); n++) value = value * 8 + (Advance() - '0');
            return value;
        }
        if (c == 'x')
        {
            Advance();
            if (Peek() == '{')
            {
                Advance();
                var digits = new StringBuilder();
                while (IsHex(Peek())) digits.Append((char)Advance());
                if (Peek() != '}') throw Error(Here, $"expected a hex digit or '}}' in \\x{{...}} escape, found {DescribeChar(Peek())}");
                Advance();
                if (digits.Length == 0 || !BigInteger.TryParse("0" + digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) || !IsUnicode(v))
                    throw Error(start, $"\\x{{{digits}}} is not a Unicode code point");
                return (int)v;
            }
            if (IsHex(Peek()) && IsHex(Peek(1)))
                return int.Parse($"{(char)Advance()}{(char)Advance()}", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            throw Error(start, $"expected two hex digits or '{{' after \\x, found {DescribeChar(Peek())}");
        }
        if (c == '^')
        {
            Advance();
            if (Peek() < 0) throw Error(start, "expected a character after \\^, found end of file");
            return ReadLiteralChar() & 31;
        }
        return ReadLiteralChar() switch
        {
            'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v', 'b' => '\b', 'f' => '\f',
            'e' => 0x1B, 's' => ' ', 'd' => 0x7F,
            var other => other,
        };
    }

    private static bool IsOctal(int c) => c is >= '0' and <= '7';
    private static bool IsHex(int c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
    private static bool IsUnicode(BigInteger v) => v >= 0 && v < 0xD800 || v > 0xDFFF && v < 0xFFFE || v > 0xFFFF && v <= 0x10FFFF;

    private static bool IsBasedDigit(int c, int b) =>
        c is >= '0' and <= '9' && c < '0' + b || c is >= 'A' and <= 'Z' && b > 10 && c < 'A' + b - 10 || c is >= 'a' and <= 'z' && b > 10 && c < 'a' + b - 10;

    /// <summary>Digits with single '_' separators between digits (erl_scan's digit separators).</summary>
    private string ReadDigits(Func<int, bool> isDigit)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (isDigit(Peek())) sb.Append((char)Advance());
            else if (Peek() == '_' && sb.Length > 0 && isDigit(Peek(1))) Advance();
            else return sb.ToString();
        }
    }

    private Token ReadNumber(TermPosition start)
    {
        var whole = ReadDigits(c => c is >= '0' and <= '9');
        if (Peek() == '#')
        {
            var b = BigInteger.Parse(whole, CultureInfo.InvariantCulture);
            if (b < 2 || b > 36) throw Error(start, $"base {b} is not between 2 and 36");
            Advance();
            var digitsAt = Here;
            var digits = ReadDigits(c => IsBasedDigit(c, (int)b));
            if (digits.Length == 0) throw Error(digitsAt, $"expected a base-{b} digit after '#', found {DescribeChar(Peek())}");
            BigInteger value = 0;
            foreach (var d in digits)
                value = value * (int)b + (d <= '9' ? d - '0' : char.ToLowerInvariant(d) - 'a' + 10);
            return new Token(TokenKind.Integer, start, Integer: value);
        }
        if (Peek() == '.' && Peek(1) is >= '0' and <= '9')
        {
            Advance();
            var fraction = ReadDigits(c => c is >= '0' and <= '9');
            var exponent = "";
            if (Peek() is 'e' or 'E')
            {
                var eAt = Here;
                Advance();
                var sign = "";
                if (Peek() is '+' or '-') sign = ((char)Advance()).ToString();
                var expDigits = ReadDigits(c => c is >= '0' and <= '9');
                if (expDigits.Length == 0) throw Error(eAt, $"expected exponent digits after 'e', found {DescribeChar(Peek())}");
                exponent = "e" + sign + expDigits;
            }
            var f = double.Parse(whole + "." + fraction + exponent, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(f)) throw Error(start, "float out of range");
            return new Token(TokenKind.Float, start, Float: f);
        }
        return new Token(TokenKind.Integer, start, Integer: BigInteger.Parse(whole, CultureInfo.InvariantCulture));
    }
}
