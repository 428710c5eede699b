namespace RelTool.Formats.Terms;

/// <summary>Where a term starts in its source text: 1-based line and column (columns count code points).</summary>
/// <remarks>A class: the parser's Dictionary&lt;Term, TermPosition&gt; then runs the runtime's precompiled code for
/// reference types, where a struct made every command that reads a manifest JIT-compile the dictionary's methods.</remarks>
public sealed record TermPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
