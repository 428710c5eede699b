namespace RelTool.Core.Release;

/// <summary>
/// &lt;output&gt;/.reltool.lock held open exclusively (flock on Unix) while a run writes the output folder, so two
/// runs on one folder never interleave: the second fails at once.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string FileName = ".reltool.lock";
    private readonly FileStream stream;
    private readonly string path;

    private OutputLock(FileStream stream, string path)
    {
        this.stream = stream;
        this.path = path;
    }

    public static OutputLock Acquire(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}\n"));
            stream.Flush();
            return new OutputLock(stream, path);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ReleaseException($"another reltool run is writing {outputDirectory} (it holds {path}); wait for it to finish", e);
        }
    }

    public void Dispose()
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        stream.Dispose();
    }
}
