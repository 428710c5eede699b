using System.Collections.Immutable;
using System.Numerics;
using System.Text;

namespace RelTool.Formats.Terms;

/// <summary>Recursive-descent parser for file:consult terms (erl_parse:parse_term on the tokens of each form). Nesting is
/// bounded by <see cref="MaxDepth"/>: a hostile file must give an error, never exhaust the stack of the process reading
/// it (a running node reads relup files from tarballs).</summary>
internal sealed class TermParser
{
    /// <summary>Tuples, lists and binaries nested deeper than this are refused. Real manifests nest fewer than 10
    /// levels; 1,000 leaves room for generated terms while keeping this parser and every recursive walk over its
    /// terms (printer, equality, instruction readers) far from the 1 MiB stacks of worker threads.</summary>
    public const int MaxDepth = 1000;

    private int depth;

    private readonly TermLexer lexer;
    private readonly string fileName;
    private readonly TermPositions? positions;
    private Token current;

    /// <param name="withPositions">Whether to record the position of every term and subterm (for errors that point at one).</param>
    public TermParser(string text, string fileName, bool withPositions = true)
    {
        lexer = new TermLexer(text, fileName);
        this.fileName = fileName;
        positions = withPositions ? new TermPositions() : null;
        current = lexer.Next();
    }

    public ParsedTerms ParseAll()
    {
        var terms = ImmutableArray.CreateBuilder<Term>();
        while (current.Kind != TokenKind.EndOfFile)
        {
            terms.Add(ParseTerm("a term"));
            if (current.Kind != TokenKind.Dot) throw Unexpected("'.' after a term");
            Take();
        }
        return new ParsedTerms(fileName, terms.ToImmutable(), positions);
    }

    /// <summary>Element lists of the tuples and lists being parsed, one per nesting level, reused: a term costs one array.</summary>
    private readonly Stack<List<Term>> spareLists = new();

    private List<Term> RentList() => spareLists.Count > 0 ? spareLists.Pop() : new List<Term>();

    private ImmutableArray<Term> ToImmutableAndReturn(List<Term> list)
    {
        var array = ImmutableArray.Create<Term>(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        list.Clear();
        spareLists.Push(list);
        return array;
    }

    private Token Take()
    {
        var t = current;
        current = lexer.Next();
        return t;
    }

    private bool IsPunctuation(string p) => current.Kind == TokenKind.Punctuation && current.Text == p;

    private TermSyntaxException Unexpected(string expected) =>
        new(fileName, current.Position.Line, current.Position.Column, $"expected {expected}, found {current.Describe()}");

    private void Expect(string punctuation, string context)
    {
        if (!IsPunctuation(punctuation)) throw Unexpected($"'{punctuation}' {context}");
        Take();
    }

    private T At<T>(TermPosition position, T term) where T : Term
    {
        positions?.Set(term, position);
        return term;
    }

    private Term ParseTerm(string expected)
    {
        var start = current.Position;
        if (depth >= MaxDepth && current.Kind == TokenKind.Punctuation && current.Text is "{" or "[" or "<<")
            throw new TermSyntaxException(fileName, start.Line, start.Column,
                $"terms nested deeper than {MaxDepth} levels (the limit of term files; is this file damaged or hostile?)");
        switch (current.Kind)
        {
            case TokenKind.Atom: return At(start, new ErlAtom(Take().Text));
            case TokenKind.Integer: return At(start, new ErlInteger(Take().Integer));
            case TokenKind.Float: return At(start, new ErlFloat(Take().Float));
            case TokenKind.String: return At(start, ParseStrings());
            case TokenKind.Punctuation:
                switch (current.Text)
                {
                    case "{": return At(start, Nested(ParseTuple));
                    case "[": return At(start, Nested(ParseList));
                    case "<<": return At(start, Nested(ParseBinary));
                    case "-" or "+": return At(start, ParseSigned());
                }
                break;
        }
        throw Unexpected(expected);
    }

    private T Nested<T>(Func<T> parse)
    {
        depth++;
        try { return parse(); }
        finally { depth--; }
    }

    private Term ParseSigned()
    {
        var negative = Take().Text == "-";
        return current.Kind switch
        {
            TokenKind.Integer => new ErlInteger(negative ? -Take().Integer : Take().Integer),
            TokenKind.Float => new ErlFloat(negative ? -Take().Float : Take().Float),
            _ => throw Unexpected($"a number after '{(negative ? '-' : '+')}'"),
        };
    }

    private ErlList ParseStrings()
    {
        var codes = ImmutableArray.CreateBuilder<Term>();
        while (current.Kind == TokenKind.String)
            foreach (var c in Take().CodePoints!) codes.Add(Erl.Int(c));
        return new ErlList(codes.ToImmutable());
    }

    private ErlTuple ParseTuple()
    {
        Take();
        var elements = RentList();
        if (!IsPunctuation("}"))
        {
            while (true)
            {
                elements.Add(ParseTerm(elements.Count == 0 ? "a term or '}'" : "a term after ','"));
                if (IsPunctuation(",")) { Take(); continue; }
                if (IsPunctuation("}")) break;
                throw Unexpected("',' or '}' after tuple element");
            }
        }
        Take();
        return new ErlTuple(ToImmutableAndReturn(elements));
    }

    private ErlList ParseList()
    {
        Take();
        var elements = RentList();
        Term? tail = null;
        if (!IsPunctuation("]"))
        {
            while (true)
            {
                elements.Add(ParseTerm(elements.Count == 0 ? "a term or ']'" : "a term after ','"));
                if (IsPunctuation(",")) { Take(); continue; }
                if (IsPunctuation("|"))
                {
                    Take();
                    tail = ParseTerm("a term after '|'");
                    if (!IsPunctuation("]")) throw Unexpected("']' after the tail of a list");
                    break;
                }
                if (IsPunctuation("]")) break;
                throw Unexpected("',' or ']' after list element");
            }
        }
        Take();
        // [a|[b]] is the proper list [a,b]; [a|"bc"] likewise.
        if (tail is ErlList inner)
        {
            elements.AddRange(inner.Elements);
            return new ErlList(ToImmutableAndReturn(elements), inner.ImproperTail);
        }
        return new ErlList(ToImmutableAndReturn(elements), tail);
    }

    private ErlBinary ParseBinary()
    {
        Take();
        var bytes = ImmutableArray.CreateBuilder<byte>();
        if (!IsPunctuation(">>"))
        {
            while (true)
            {
                ParseBinaryElement(bytes);
                if (IsPunctuation(",")) { Take(); continue; }
                if (IsPunctuation(">>")) break;
                throw Unexpected("',' or '>>' after binary element");
            }
        }
        Take();
        return new ErlBinary(bytes.ToImmutable());
    }

    /// <summary>An integer (stored in 8 bits, as Erlang's default segment) or a string, optionally /utf8, /utf16, /utf32 or /integer.</summary>
    private void ParseBinaryElement(ImmutableArray<byte>.Builder bytes)
    {
        var codes = new List<BigInteger>();
        var isString = current.Kind == TokenKind.String;
        if (isString)
        {
            while (current.Kind == TokenKind.String) codes.AddRange(Take().CodePoints!.Select(c => (BigInteger)c));
        }
        else if (current.Kind == TokenKind.Integer) codes.Add(Take().Integer);
        else if (IsPunctuation("-") || IsPunctuation("+"))
        {
            var negative = Take().Text == "-";
            if (current.Kind != TokenKind.Integer) throw Unexpected("an integer in a binary");
            codes.Add(negative ? -Take().Integer : Take().Integer);
        }
        else throw Unexpected("an integer or a string in a binary");

        var type = "integer";
        if (IsPunctuation("/"))
        {
            Take();
            if (current.Kind != TokenKind.Atom || current.Text is not ("utf8" or "integer"))
                throw Unexpected("a segment type utf8 or integer after '/'");
            type = Take().Text;
        }
        else if (IsPunctuation(":"))
            throw Unexpected("',' or '>>' (segment sizes are not supported in term files)");

        foreach (var code in codes)
        {
            if (type == "utf8")
            {
                if (code < 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) throw Unexpected("a Unicode code point for /utf8");
                bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32((int)code)));
            }
            else bytes.Add((byte)(int)(code & 0xFF));
        }
    }
}
