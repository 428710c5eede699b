using System.Collections.Immutable;

namespace RelTool.Formats.Terms;

/// <summary>
/// The terms of one file with the start position of every term and subterm the reader built.
/// Positions are looked up by reference: pass the very instance found inside <see cref="Terms"/>.
/// </summary>
public sealed class ParsedTerms
{
    private readonly TermPositions? positions;

    /// <param name="positions">By reference; null when the reader was asked for none.</param>
    internal ParsedTerms(string fileName, ImmutableArray<Term> terms, TermPositions? positions)
    {
        FileName = fileName;
        Terms = terms;
        this.positions = positions;
    }

    public string FileName { get; }
    public ImmutableArray<Term> Terms { get; }

    /// <summary>The position of a term read from this file; null for a term built elsewhere.</summary>
    public TermPosition? PositionOf(Term term) => positions is not null && positions.TryGet(term, out var position) ? position : null;
}
