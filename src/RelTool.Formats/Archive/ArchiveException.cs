namespace RelTool.Formats.Archive;

/// <summary>An archive could not be written, read or trusted. The message names the file and the problem.</summary>
public sealed class ArchiveException : Exception
{
    public ArchiveException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    public string File { get; }
    public string Problem { get; }
}
