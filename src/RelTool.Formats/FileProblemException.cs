namespace RelTool.Formats;

/// <summary>
/// Input that does not parse or breaks a rule of its format (a manifest, a term file, a configuration, an appup or
/// relup instruction): names the file and, where known, the 1-based line and column of the problem. Readers catch
/// this type where they used to catch <see cref="FormatException"/>.
/// </summary>
public abstract class FileProblemException(string? file, string problem, int? line = null, int? column = null, string? fix = null, Exception? inner = null)
    : RelToolException(problem, file, line, column, fix, inner);
