using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace RelTool.Formats.Terms;

/// <summary>
/// The terms of one file with the start position of every term and subterm the reader built.
/// Positions are looked up by reference: pass the very instance found inside <see cref="Terms"/>.
/// </summary>
public sealed class ParsedTerms
{
    private readonly ConditionalWeakTable<Term, StrongBox<TermPosition>> positions;

    internal ParsedTerms(string fileName, ImmutableArray<Term> terms, ConditionalWeakTable<Term, StrongBox<TermPosition>> positions)
    {
        FileName = fileName;
        Terms = terms;
        this.positions = positions;
    }

    public string FileName { get; }
    public ImmutableArray<Term> Terms { get; }

    /// <summary>The position of a term read from this file; null for a term built elsewhere.</summary>
    public TermPosition? PositionOf(Term term) => positions.TryGetValue(term, out var box) ? box.Value : null;
}
