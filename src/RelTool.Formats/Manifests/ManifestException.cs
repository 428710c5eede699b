namespace RelTool.Formats.Manifests;

/// <summary>A manifest that parses as terms but breaks a rule of its format. Names the file and, where known, the position.</summary>
public sealed class ManifestException : FormatException
{
    public ManifestException(string file, string problem, int? line = null, int? column = null)
        : base(line is null ? $"{file}: {problem}" : $"{file}:{line}:{column ?? 1}: {problem}")
    {
        File = file;
        Problem = problem;
        Line = line;
        Column = column;
    }

    public string File { get; }
    public string Problem { get; }
    public int? Line { get; }
    public int? Column { get; }
}
