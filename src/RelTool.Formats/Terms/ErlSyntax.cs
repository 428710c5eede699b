using System.Globalization;
using System.Numerics;
using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>How OTP 25 spells atoms, strings, integers and floats (io_lib:write_atom, io_lib:write_string, float_to_list short).</summary>
public static class ErlSyntax
{
    /// <summary>The atom as io_lib:write_atom writes it: bare when erl_scan would read it back as that atom, else quoted.</summary>
    public static string Atom(string name) => NeedsQuotes(name) ? Quoted(Erl.CodePointArray(name), '\'') : name;

    /// <summary>io_lib:quote_atom: reserved words, names not starting with a lowercase (latin1) letter, or holding other than name chars.</summary>
    public static bool NeedsQuotes(string name)
    {
        if (TermLexer.ReservedWords.Contains(name)) return true;
        if (name.Length > 0 && !HasSurrogate(name))
        {
            // Without surrogates each char is one code point: no array needed.
            if (!(name[0] is >= 'a' and <= 'z' || name[0] is >= '\u00DF' and <= '\u00FF' and not '\u00F7')) return true;
            for (var i = 1; i < name.Length; i++)
                if (!TermLexer.IsNameChar(name[i])) return true;
            return false;
        }
        var codes = Erl.CodePointsOf(name);
        if (codes.Length == 0) return true;
        var first = codes[0];
        if (!(first is >= 'a' and <= 'z' || first is >= 0xDF and <= 0xFF and not 0xF7)) return true;
        return !codes.Skip(1).All(TermLexer.IsNameChar);
    }

    // Loops, not span helpers or LINQ over ints: their code for these types is JIT-compiled in every command that
    // writes a term file (RELEASES at each install).
    private static bool HasSurrogate(string name)
    {
        foreach (var c in name)
            if (char.IsSurrogate(c)) return true;
        return false;
    }

    /// <summary>A double-quoted string as io_lib:write_string writes it (characters from U+00A0 up are kept as they are).</summary>
    public static string String(IEnumerable<int> codePoints) => Quoted(codePoints, '"');

    /// <summary>io_lib:write_string(S, Q) with unicode_as_unicode: escapes quotes, backslash and control characters below U+00A0.</summary>
    public static string Quoted(IEnumerable<int> codePoints, char quote) => Quoted(codePoints as int[] ?? [.. codePoints], quote);

    private static string Quoted(int[] codePoints, char quote)
    {
        var sb = new StringBuilder();
        sb.Append(quote);
        foreach (var c in codePoints)
        {
            if (c == quote) sb.Append('\\').Append(quote);
            else if (c == '\\') sb.Append(@"\\");
            else if (c is >= ' ' and <= '~' or >= 0xA0) sb.Append(char.ConvertFromUtf32(c));
            else
            {
                sb.Append(c switch
                {
                    '\n' => @"\n", '\r' => @"\r", '\t' => @"\t", '\v' => @"\v", '\b' => @"\b", '\f' => @"\f",
                    0x1B => @"\e", 0x7F => @"\d",
                    _ => "\\" + (char)('0' + (c >> 6)) + (char)('0' + ((c >> 3) & 7)) + (char)('0' + (c & 7)),
                });
            }
        }
        sb.Append(quote);
        return sb.ToString();
    }

    /// <summary>io_lib:printable_latin1_list: what ~tp prints as a string under erl's default +pc latin1.</summary>
    public static bool IsPrintableLatin1(int c) => c is >= 0x20 and <= 0x7E or >= 0xA0 and <= 0xFF or '\n' or '\r' or '\t' or '\v' or '\b' or '\f' or 0x1B;

    public static string Integer(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);

    private static readonly double TwoPow53 = Math.Pow(2, 53);

    /// <summary>
    /// float_to_list(F, [short]): the shortest digits that read back to F; below 2^53 the shorter of the
    /// plain and the scientific spelling (plain on a tie), from 2^53 up always scientific.
    /// </summary>
    public static string Float(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Erlang floats are finite");
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        var sign = value < 0 ? "-" : "";
        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        var scientific = $"{digits[0]}.{(digits.Length > 1 ? digits[1..] : "0")}e{exponent}";
        if (Math.Abs(value) >= TwoPow53) return sign + scientific;
        string plain;
        if (exponent >= 0)
        {
            var whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
            var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
            plain = whole + "." + fraction;
        }
        else plain = "0." + new string('0', -exponent - 1) + digits;
        return sign + (plain.Length <= scientific.Length ? plain : scientific);
    }

    /// <summary>Significant digits (no leading or trailing zeros) and the exponent of the first digit.</summary>
    private static (string Digits, int Exponent) ShortestDigits(double positive)
    {
        var r = positive.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? r : r[..e];
        var exp = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var intPart = point < 0 ? mantissa : mantissa[..point];
        var all = intPart + (point < 0 ? "" : mantissa[(point + 1)..]);
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, exp + intPart.Length - 1 - leading);
    }
}
