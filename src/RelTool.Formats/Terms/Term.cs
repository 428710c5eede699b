using System.Collections.Immutable;
using System.Numerics;

namespace RelTool.Formats.Terms;

/// <summary>
/// An Erlang term as it appears in file:consult files. Immutable, with structural equality.
/// A string is a list of character codes: <see cref="ErlString"/> and an <see cref="ErlList"/>
/// of the same integers are equal and hash alike.
/// </summary>
public abstract record Term;

public sealed record ErlAtom(string Name) : Term
{
    public override string ToString() => TermPrinter.Flat(this);
}

public sealed record ErlInteger(BigInteger Value) : Term
{
    public override string ToString() => TermPrinter.Flat(this);
}

public sealed record ErlFloat(double Value) : Term
{
    public override string ToString() => TermPrinter.Flat(this);
}

public sealed record ErlBinary(ImmutableArray<byte> Bytes) : Term
{
    public bool Equals(ErlBinary? other) => other is not null && Bytes.AsSpan().SequenceEqual(other.Bytes.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes.AsSpan());
        return hash.ToHashCode();
    }

    public override string ToString() => TermPrinter.Flat(this);
}

public sealed record ErlTuple(ImmutableArray<Term> Elements) : Term
{
    public int Arity => Elements.Length;
    public Term this[int index] => Elements[index];

    public bool Equals(ErlTuple? other) => other is not null && Elements.SequenceEqual(other.Elements);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Elements) hash.Add(e);
        return hash.ToHashCode();
    }

    public override string ToString() => TermPrinter.Flat(this);
}

/// <summary>
/// A list. Strings are lists of code points (as in Erlang); the printer decides how to show them.
/// <see cref="ImproperTail"/> is null for a proper list.
/// </summary>
public sealed record ErlList(ImmutableArray<Term> Elements, Term? ImproperTail = null) : Term
{
    public static readonly ErlList Empty = new(ImmutableArray<Term>.Empty);
    public int Count => Elements.Length;
    public bool IsProper => ImproperTail is null;
    public Term this[int index] => Elements[index];

    public bool Equals(ErlList? other) =>
        other is not null && Equals(ImproperTail, other.ImproperTail) && Elements.SequenceEqual(other.Elements);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Elements) hash.Add(e);
        hash.Add(ImproperTail);
        return hash.ToHashCode();
    }

    public override string ToString() => TermPrinter.Flat(this);
}
