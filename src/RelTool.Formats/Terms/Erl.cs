using System.Runtime.InteropServices;
using System.Collections.Immutable;
using System.Numerics;
using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>Short constructors and accessors for building and reading terms.</summary>
public static class Erl
{
    public static ErlAtom Atom(string name) => new(name);
    private static readonly ErlInteger[] SmallInts = CreateSmallInts();
    public static ErlInteger Int(BigInteger value) => value >= 0 && value < 256 ? SmallInts[(int)value] : new(value);
    public static ErlFloat Float(double value) => new(value);
    public static ErlList Str(string value)
    {
        var codePoints = CodePointArray(value);
        var elements = new Term[codePoints.Length];
        for (var i = 0; i < elements.Length; i++) elements[i] = Int(codePoints[i]);
        return new(ImmutableCollectionsMarshal.AsImmutableArray(elements));
    }
    public static ErlBinary Bin(string utf8) => new(Encoding.UTF8.GetBytes(utf8).ToImmutableArray());
    public static ErlTuple Tuple(params Term[] elements) => new(elements.ToImmutableArray());
    public static ErlList List(params Term[] elements) => new(elements.ToImmutableArray());
    public static ErlList List(IEnumerable<Term> elements) => new(elements.ToImmutableArray());
    public static ErlList Improper(IEnumerable<Term> elements, Term tail) => new(elements.ToImmutableArray(), tail);
    public static readonly ErlList Nil = ErlList.Empty;

    public static ImmutableArray<int> CodePointsOf(string s) => ImmutableCollectionsMarshal.AsImmutableArray(CodePointArray(s));

    /// <summary>The code points of <paramref name="s"/> in a new array (surrogate pairs joined).</summary>
    /// <remarks>Loops, not LINQ: every node reads start.boot through here, and LINQ's code for these types is JIT-compiled.</remarks>
    internal static int[] CodePointArray(string s)
    {
        var points = new int[s.Length];
        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                points[count++] = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else points[count++] = s[i];
        }
        if (count < points.Length) Array.Resize(ref points, count);
        return points;
    }

    private static ErlInteger[] CreateSmallInts()
    {
        var ints = new ErlInteger[256];
        for (var i = 0; i < ints.Length; i++) ints[i] = new ErlInteger(i);
        return ints;
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
