namespace RelTool.Core.Diff.Appup;

/// <summary>A hand-written appup that cannot be used: it does not parse, or names what the application does not have.</summary>
public sealed class AppupValidationException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
