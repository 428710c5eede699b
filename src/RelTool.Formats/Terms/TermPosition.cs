namespace RelTool.Formats.Terms;

/// <summary>Where a term starts in its source text: 1-based line and column (columns count code points).</summary>
public readonly record struct TermPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
