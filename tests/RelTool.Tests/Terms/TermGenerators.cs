using System.Numerics;
using CsCheck;
using RelTool.Formats.Terms;

namespace RelTool.Tests.Terms;

/// <summary>CsCheck generators for terms that exercise quoting, escapes, number spelling and line breaking.</summary>
public static class TermGenerators
{
    private static readonly string[] TrickyAtoms =
    [
        "a", "ok", "case", "of", "end", "fun", "when", "maybe", "else", "receive", "andalso", "div", "bnot", "xor", "cond", "let",
        "Kv", "KV.Core", "Microsoft.Extensions.Logging", "_x", "x_", "a@b", "a b", "", "it's", "back\\slash", "quo\"te",
        "1abc", "aB9_@", "ßtraße", "été", "Été", "ÿ", "÷x", "x÷", "日本", "a日本", "😀", "tab\there", "nl\nx", "\u0001", "del\u007f",
        "\u0085", "\u00a0x", "x\u00a0", "é", "ñandú", "[]", "{}", "-", "+", "a.b", "a-b", "true", "false", "undefined",
    ];

    public static readonly Gen<string> AtomNames = Gen.Frequency(
        (3, Gen.OneOfConst(TrickyAtoms)),
        (2, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz_@0123456789ABZ"], 1, 12].Where(s => s[0] is >= 'a' and <= 'z')),
        (1, CodePointStrings(0, 8).Where(s => s.Length <= 255)));

    public static readonly Gen<Term> Atoms = AtomNames.Select(n => (Term)Erl.Atom(n));

    public static readonly Gen<Term> Integers = Gen.Frequency(
        (4, Gen.Int[-300, 300].Select(i => (Term)Erl.Int(i))),
        (2, Gen.Long.Select(l => (Term)Erl.Int(l))),
        (1, Gen.Long.Array[2, 5].Select(parts => (Term)Erl.Int(parts.Aggregate(BigInteger.One, (acc, p) => acc * p)))));

    public static readonly Gen<Term> Floats = Gen.Frequency(
        (3, Gen.Double.Where(double.IsFinite).Select(d => (Term)Erl.Float(d))),
        (3, Gen.Select(Gen.Int[-12, 12], Gen.Int[-30, 40], (m, e) => (Term)Erl.Float(m * Math.Pow(10, e)))),
        (2, Gen.Select(Gen.Int[-99999, 99999], Gen.Int[0, 6], (m, e) => (Term)Erl.Float(m / Math.Pow(10, e)))),
        (1, Gen.OneOfConst(0.0, -0.0, 0.1, 1.0e15, 1.0e16, 9007199254740992.0, 9007199254740991.0, 123456789012345678.0, 5e-324, double.MaxValue, double.Epsilon, 0.0001, 0.001, 100.0, 1000.0)
            .Select(d => (Term)Erl.Float(d))));

    /// <summary>Strings of mixed code points, surrogate-free.</summary>
    public static Gen<string> CodePointStrings(int min, int max) =>
        Gen.Frequency(
                (6, Gen.Int[0x20, 0x7E]),
                (2, Gen.Int[0xA0, 0xFF]),
                (1, Gen.OneOfConst(0, 7, 8, 9, 10, 11, 12, 13, 27, 31, 127, 0x85, 0x9F)),
                (1, Gen.Int[0x100, 0xD7FF]),
                (1, Gen.Int[0x1F600, 0x1F64F]))
            .Array[min, max]
            .Select(cs => string.Concat(cs.Select(char.ConvertFromUtf32)));

    public static readonly Gen<Term> Strings = Gen.Frequency(
        (3, Gen.String[Gen.Char[' ', '~'], 0, 40].Select(s => (Term)Erl.Str(s))),
        (2, Gen.String[Gen.Char[' ', '~'], 40, 120].Select(s => (Term)Erl.Str(s))),
        (3, CodePointStrings(1, 30).Select(s => (Term)Erl.Str(s))),
        (1, Gen.OneOfConst("a\nb", "tab\t", "\u001b[0m", "é", "\u00ff", "\u0100", "quote\"s", "back\\", "del\u007f").Select(s => (Term)Erl.Str(s))));

    public static readonly Gen<Term> Binaries = Gen.Frequency(
        (2, Gen.String[Gen.Char[' ', '~'], 0, 30].Select(s => (Term)Erl.Bin(s))),
        (2, CodePointStrings(1, 20).Select(s => (Term)Erl.Bin(s))),
        (2, Gen.Byte.Array[0, 40].Select(b => (Term)new ErlBinary([.. b]))),
        (1, Gen.Byte[0xA0, 0xFF].Array[1, 10].Select(b => (Term)new ErlBinary([.. b]))),
        (1, Gen.Byte[0, 255].Array[60, 200].Select(b => (Term)new ErlBinary([.. b]))));

    /// <summary>Tails for improper lists: a list tail would just continue the list ([a|[b]] is [a,b]).</summary>
    public static readonly Gen<Term> NonListAtomic = Gen.Frequency((4, Atoms), (2, Integers), (2, Floats), (1, Binaries));

    public static readonly Gen<Term> Atomic = Gen.Frequency((4, Atoms), (2, Integers), (2, Floats), (3, Strings), (1, Binaries));

    /// <summary>Nested tuples (tagged and not) and lists (proper and improper) of varied widths, up to a depth.</summary>
    public static Gen<Term> Terms(int depth = 4) => depth == 0 ? Atomic : Gen.Frequency(
        (3, Atomic),
        (2, Gen.Select(Atoms, Terms(depth - 1).Array[0, 6], (tag, rest) => (Term)Erl.Tuple([tag, .. rest]))),
        (1, Terms(depth - 1).Array[0, 5].Select(es => (Term)Erl.Tuple(es))),
        (2, Terms(depth - 1).Array[0, 8].Select(es => (Term)Erl.List(es))),
        (1, Gen.Select(Terms(depth - 1).Array[1, 4], NonListAtomic, (es, tail) => (Term)Erl.Improper(es, tail))),
        (1, Gen.Select(Atoms, Gen.Int[5, 30], (a, n) => (Term)Erl.List(Enumerable.Repeat(a, n)))));

    /// <summary>
    /// The term in a form erl reads back unambiguously without trusting our printer: atoms quoted with
    /// \x{...} escapes, strings and lists as integer lists, binaries as bytes, floats with 17 significant digits.
    /// </summary>
    public static string Canonical(Term term) => term switch
    {
        ErlAtom a => "'" + string.Concat(Erl.CodePointsOf(a.Name).Select(c => $"\\x{{{c:X}}}")) + "'",
        ErlInteger i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ErlFloat f => CanonicalFloat(f.Value),
        ErlBinary b => "<<" + string.Join(",", b.Bytes) + ">>",
        ErlTuple t => "{" + string.Join(",", t.Elements.Select(Canonical)) + "}",
        ErlList { IsProper: true } l => "[" + string.Join(",", l.Elements.Select(Canonical)) + "]",
        ErlList l => "[" + string.Join(",", l.Elements.Select(Canonical)) + "|" + Canonical(l.ImproperTail!) + "]",
        _ => throw new ArgumentException(term.GetType().Name),
    };

    private static string CanonicalFloat(double d)
    {
        // "E16" gives d.dddddddddddddddde+xxx: 17 significant digits always read back to the same double.
        var s = d.ToString("E16", System.Globalization.CultureInfo.InvariantCulture);
        var e = s.IndexOf('E');
        return s[..e] + "e" + int.Parse(s[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
