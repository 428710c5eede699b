namespace RelTool.Formats;

/// <summary>A file that cannot be used: names the file and, where known, the 1-based line and column of the problem.</summary>
public abstract class FileProblemException(string file, string problem, int? line = null, int? column = null)
    : FormatException(line is null ? $"{file}: {problem}" : $"{file}:{line}:{column ?? 1}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
    public int? Line { get; } = line;
    public int? Column { get; } = column;
}
