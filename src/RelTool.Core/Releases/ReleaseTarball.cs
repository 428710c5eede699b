using RelTool.Formats;
using RelTool.Formats.Archive;

namespace RelTool.Core.Releases;

/// <summary>
/// Unpacks a release tarball (.tar.gz) into a fresh temporary directory that is deleted on dispose, through the
/// project's checked reader (<see cref="ReleaseArchive"/>): an untrusted tarball is refused whole when its gzip or
/// tar checksums fail, it is cut short, holds devices, fifos or links leaving it, or expands beyond the cap.
/// </summary>
public sealed class ReleaseTarball : IDisposable
{
    private const string TempPrefix = "reltool-diff-";

    private ReleaseTarball(string directory) => Directory = directory;

    public string Directory { get; }

    public static bool IsTarball(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    public static ReleaseTarball Extract(string path)
    {
        if (!File.Exists(path)) throw new ReleaseReadException($"{path}: no such file");
        // Named with this process's id: a later run removes what a killed one left.
        StaleFiles.RemoveLeftovers(Path.GetTempPath(), TempPrefix);
        var target = Path.Combine(Path.GetTempPath(), StaleFiles.NameFor(TempPrefix));
        try
        {
            ReleaseArchive.Extract(path, target);
            return new ReleaseTarball(target);
        }
        catch (ArchiveException e)
        {
            Delete(target);
            throw new ReleaseReadException($"not a readable release tarball: {e.Message}", e);
        }
    }

    private static void Delete(string directory)
    {
        try { if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose() => Delete(Directory);
}
