using RelTool.Formats;

namespace RelTool.Core.Config;

/// <summary>A release configuration that cannot be used: names the file and, where known, the 1-based line and column.</summary>
public sealed class ConfigException(string file, string problem, int? line = null, int? column = null, string? fix = null)
    : FileProblemException(file, problem, line, column, fix);
