namespace RelTool.Core.Config;

/// <summary>A release configuration that cannot be used: names the file and, where known, the 1-based line and column.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, string problem, int? line = null, int? column = null)
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
