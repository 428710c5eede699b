namespace RelTool.Formats.Terms;

/// <summary>A term file that does not parse: names the file, the 1-based line and column, and what was expected.</summary>
public sealed class TermSyntaxException(string file, int line, int column, string problem)
    : FileProblemException(file, problem, line, column)
{
    public new string File => base.File!;
    public new int Line => base.Line!.Value;
    public new int Column => base.Column!.Value;
}
