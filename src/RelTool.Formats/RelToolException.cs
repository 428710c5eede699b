namespace RelTool.Formats;

/// <summary>
/// A failure reltool reports to its user as one message, never a stack trace: what failed (<see cref="Problem"/>),
/// where when a file is to blame (<see cref="File"/>, 1-based <see cref="Line"/> and <see cref="Column"/>), and what
/// to do about it (<see cref="Fix"/>). Every exception type of the build side and the launcher derives from it, so
/// the CLI's handler (src/RelTool/Program.cs) and the launcher's (src/RelTool.Boot/Program.cs) catch one type.
/// <see cref="Exception.Message"/> reads <c>file:line:column: problem; fix</c> for logs and JSON.
/// </summary>
public abstract class RelToolException(string problem, string? file = null, int? line = null, int? column = null, string? fix = null, Exception? inner = null)
    : Exception(Compose(problem, Locate(file, line, column), fix), inner)
{
    public string Problem { get; } = problem;
    public string? File { get; } = file;
    public int? Line { get; } = line;
    public int? Column { get; } = column;

    /// <summary>A short "what to do" sentence, or null when the problem says it already.</summary>
    public string? Fix { get; } = fix;

    /// <summary><c>file</c>, <c>file:line:column</c>, or null when no file is to blame.</summary>
    public string? Location => Locate(File, Line, Column);

    /// <summary>Lines to show before the message (e.g. the compiler's errors of a failed build); none by default.</summary>
    public virtual IEnumerable<string> Details => [];

    private static string? Locate(string? file, int? line, int? column) =>
        file is null ? null : line is null ? file : $"{file}:{line}:{column ?? 1}";

    private static string Compose(string problem, string? location, string? fix) =>
        (location is null ? problem : $"{location}: {problem}") + (fix is null ? "" : $"; {fix}");
}
