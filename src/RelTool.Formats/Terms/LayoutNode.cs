using System.Collections.Immutable;
using System.Text;

namespace RelTool.Formats.Terms;

internal enum LayoutKind { Text, List, Tuple, Binary }

/// <summary>
/// io_lib_pretty's intermediate format: a term with the length of its one-line form. Text nodes are the
/// "atomic" ones (atoms, numbers, strings, printable binaries, [] and {}), the only ones io_lib_pretty
/// keeps on a line that is already broken.
/// </summary>
internal sealed class LayoutNode
{
    private LayoutNode(LayoutKind kind, int length, string text = "", ImmutableArray<LayoutNode> elements = default, LayoutNode? tail = null, bool tagged = false, ImmutableArray<string> binaryBytes = default)
    {
        Kind = kind;
        Length = length;
        Text = text;
        Elements = elements.IsDefault ? ImmutableArray<LayoutNode>.Empty : elements;
        Tail = tail;
        IsTagged = tagged;
        BinaryBytes = binaryBytes.IsDefault ? ImmutableArray<string>.Empty : binaryBytes;
    }

    public LayoutKind Kind { get; }
    /// <summary>Length in characters of the one-line form.</summary>
    public int Length { get; }
    public string Text { get; }
    public ImmutableArray<LayoutNode> Elements { get; }
    /// <summary>The tail of an improper list.</summary>
    public LayoutNode? Tail { get; }
    /// <summary>A tuple of two or more elements whose first element is an atom.</summary>
    public bool IsTagged { get; }
    /// <summary>The decimal bytes of a binary printed as integers.</summary>
    public ImmutableArray<string> BinaryBytes { get; }
    public bool IsText => Kind == LayoutKind.Text;

    public static LayoutNode Of(Term term) => term switch
    {
        ErlAtom a => TextNode(ErlSyntax.Atom(a.Name)),
        ErlInteger i => TextNode(ErlSyntax.Integer(i.Value)),
        ErlFloat f => TextNode(ErlSyntax.Float(f.Value)),
        ErlTuple t => t.Arity == 0 ? TextNode("{}") : TupleNode(t),
        ErlList l => ListNode(l),
        ErlBinary b => BinaryNode(b.Bytes),
        _ => throw new ArgumentException($"unknown term type {term.GetType().Name}", nameof(term)),
    };

    private static LayoutNode TextNode(string text) => new(LayoutKind.Text, CharsLength(text), text);

    /// <summary>
    /// io_lib:chars_length: the number of characters when all are below 256 (iolist_size), otherwise
    /// string:length, which counts grapheme clusters (a base letter and its combining marks count once).
    /// </summary>
    internal static int CharsLength(string s)
    {
        if (!s.AsSpan().ContainsAnyExceptInRange('\0', '\u00FF')) return s.Length;
        var codePoints = Erl.CodePointArray(s);
        foreach (var c in codePoints)
            if (c >= 256) return OtpGraphemes.Length(codePoints);
        return codePoints.Length;
    }

    // Loops, not LINQ, here and below: LINQ's code over ints and these types is JIT-compiled in every command that
    // writes a term file (RELEASES at each install).
    private static int OneLineLength(ImmutableArray<LayoutNode> elements)
    {
        var sum = 0;
        foreach (var e in elements) sum += e.Length;
        return sum + elements.Length - 1;
    }

    private static LayoutNode TupleNode(ErlTuple t)
    {
        var elements = t.Elements.Select(Of).ToImmutableArray();
        return new LayoutNode(LayoutKind.Tuple, 2 + OneLineLength(elements), elements: elements,
            tagged: t.Arity > 1 && t[0] is ErlAtom);
    }

    private static LayoutNode ListNode(ErlList list)
    {
        var items = Flatten(list, out var tail);
        if (items.Length == 0 && tail is null) return TextNode("[]");
        if (tail is null && PrintableLatin1(items) is { } text) return TextNode(ErlSyntax.String(text));
        var elements = items.Select(Of).ToImmutableArray();
        var tailNode = tail is null ? null : Of(tail);
        var length = 2 + OneLineLength(elements) + (tailNode is null ? 0 : 1 + tailNode.Length);
        return new LayoutNode(LayoutKind.List, length, elements: elements, tail: tailNode);
    }

    /// <summary>The code points of a list that ~tp prints as a string; null for any other list.</summary>
    private static int[]? PrintableLatin1(ImmutableArray<Term> items)
    {
        foreach (var item in items)
            if (item is not ErlInteger n || n.Value < 0 || n.Value > 0xFF || !ErlSyntax.IsPrintableLatin1((int)n.Value)) return null;
        var text = new int[items.Length];
        for (var i = 0; i < text.Length; i++) text[i] = (int)((ErlInteger)items[i]).Value;
        return text;
    }

    /// <summary>An improper tail that is itself a list continues the list: [a|[b|c]] is [a,b|c].</summary>
    private static ImmutableArray<Term> Flatten(ErlList list, out Term? tail)
    {
        tail = list.ImproperTail;
        if (tail is not ErlList) return list.Elements;
        var items = list.Elements.ToBuilder();
        while (tail is ErlList inner)
        {
            items.AddRange(inner.Elements);
            tail = inner.ImproperTail;
        }
        return items.ToImmutable();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>print_length for a binary with the unicode encoding and printable range latin1 (erl's defaults for ~tp).</summary>
    private static LayoutNode BinaryNode(ImmutableArray<byte> bytes)
    {
        if (bytes.Length == 0) return TextNode("<<>>");
        int[]? utf8 = null;
        try { utf8 = Erl.CodePointArray(StrictUtf8.GetString(bytes.AsSpan())); }
        catch (DecoderFallbackException) { }
        if (utf8 is not null)
        {
            if (utf8.All(ErlSyntax.IsPrintableLatin1))
                return TextNode("<<" + ErlSyntax.String(utf8) + (utf8.Length == bytes.Length ? ">>" : "/utf8>>"));
        }
        else if (bytes.All(b => ErlSyntax.IsPrintableLatin1(b)))
            return TextNode("<<" + ErlSyntax.String(bytes.Select(b => (int)b)) + ">>");
        var decimals = bytes.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToImmutableArray();
        return new LayoutNode(LayoutKind.Binary, 4 + decimals.Sum(d => d.Length) + decimals.Length - 1, binaryBytes: decimals);
    }

    /// <summary>io_lib_pretty:write: the one-line form.</summary>
    public void WriteFlat(StringBuilder sb)
    {
        switch (Kind)
        {
            case LayoutKind.Text: sb.Append(Text); break;
            case LayoutKind.Binary: sb.Append("<<").AppendJoin(',', BinaryBytes).Append(">>"); break;
            case LayoutKind.Tuple:
                sb.Append('{');
                WriteElements(sb);
                sb.Append('}');
                break;
            case LayoutKind.List:
                sb.Append('[');
                WriteElements(sb);
                if (Tail is not null) { sb.Append('|'); Tail.WriteFlat(sb); }
                sb.Append(']');
                break;
        }
    }

    private void WriteElements(StringBuilder sb)
    {
        for (var i = 0; i < Elements.Length; i++)
        {
            if (i > 0) sb.Append(',');
            Elements[i].WriteFlat(sb);
        }
    }
}
