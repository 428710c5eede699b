namespace RelTool.Formats.Archive;

/// <summary>An archive could not be written, read or trusted. The message names the file and the problem.</summary>
public sealed class ArchiveException(string file, string problem, Exception? inner = null)
    : RelToolException(problem, file, inner: inner)
{
    public new string File => base.File!;
}
