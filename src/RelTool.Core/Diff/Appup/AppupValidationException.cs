using RelTool.Formats;

namespace RelTool.Core.Diff.Appup;

/// <summary>A hand-written appup that cannot be used: it does not parse, or names what the application does not have.</summary>
public sealed class AppupValidationException(string path, string problem, int? line = null, int? column = null, Exception? inner = null)
    : RelToolException(problem, path, line, column, inner: inner)
{
    public string Path => File!;
}
