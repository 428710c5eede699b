using System.Collections.Immutable;

namespace RelTool.Formats.Terms;

/// <summary>
/// The terms of one file with the start position of every term and subterm the reader built.
/// Positions are looked up by reference: pass the very instance found inside <see cref="Terms"/>.
/// </summary>
public sealed class ParsedTerms
{
    private readonly IReadOnlyDictionary<Term, Token>? starts;

    /// <param name="starts">Each term's first token, by reference; null when the reader was asked for no positions.</param>
    internal ParsedTerms(string fileName, ImmutableArray<Term> terms, IReadOnlyDictionary<Term, Token>? starts)
    {
        FileName = fileName;
        Terms = terms;
        this.starts = starts;
    }

    public string FileName { get; }
    public ImmutableArray<Term> Terms { get; }

    /// <summary>The position of a term read from this file; null for a term built elsewhere.</summary>
    public TermPosition? PositionOf(Term term) => starts is not null && starts.TryGetValue(term, out var start) ? start.Position : null;
}
