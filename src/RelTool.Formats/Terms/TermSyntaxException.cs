namespace RelTool.Formats.Terms;

/// <summary>A term file that does not parse: names the file, the 1-based line and column, and what was expected.</summary>
public sealed class TermSyntaxException(string file, int line, int column, string problem)
    : FormatException($"{file}:{line}:{column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}
