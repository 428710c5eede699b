using System.Collections.Immutable;
using System.Numerics;
using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>Short constructors and accessors for building and reading terms.</summary>
public static class Erl
{
    public static ErlAtom Atom(string name) => new(name);
    private static readonly ErlInteger[] SmallInts = Enumerable.Range(0, 256).Select(i => new ErlInteger(i)).ToArray();
    public static ErlInteger Int(BigInteger value) => value >= 0 && value < 256 ? SmallInts[(int)value] : new(value);
    public static ErlFloat Float(double value) => new(value);
    public static ErlList Str(string value) => new(CodePointsOf(value).Select(c => (Term)Int(c)).ToImmutableArray());
    public static ErlBinary Bin(string utf8) => new(Encoding.UTF8.GetBytes(utf8).ToImmutableArray());
    public static ErlTuple Tuple(params Term[] elements) => new(elements.ToImmutableArray());
    public static ErlList List(params Term[] elements) => new(elements.ToImmutableArray());
    public static ErlList List(IEnumerable<Term> elements) => new(elements.ToImmutableArray());
    public static ErlList Improper(IEnumerable<Term> elements, Term tail) => new(elements.ToImmutableArray(), tail);
    public static readonly ErlList Nil = ErlList.Empty;

    public static ImmutableArray<int> CodePointsOf(string s)
    {
        var builder = ImmutableArray.CreateBuilder<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                builder.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else builder.Add(s[i]);
        }
        return builder.ToImmutable();
    }

    /// <summary>The text of a proper list of code points; null for any other term.</summary>
    public static string? TextOf(Term term) => term switch
    {
        ErlList { IsProper: true } l when l.Elements.All(e => e is ErlInteger i && i.Value >= 0 && i.Value <= 0x10FFFF) =>
            string.Concat(l.Elements.Select(e => char.ConvertFromUtf32((int)((ErlInteger)e).Value))),
        _ => null,
    };

    public static bool IsAtom(Term term, string name) => term is ErlAtom a && a.Name == name;
}
