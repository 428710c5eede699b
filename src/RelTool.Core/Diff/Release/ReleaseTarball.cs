using System.Formats.Tar;
using System.IO.Compression;

namespace RelTool.Core.Diff.Release;

/// <summary>
/// Unpacks a release tarball (.tar.gz) into a fresh temporary directory that is deleted on dispose.
/// TarFile refuses entries that would land outside the target; a safer extractor comes with the archive work.
/// </summary>
public sealed class ReleaseTarball : IDisposable
{
    private ReleaseTarball(string directory) => Directory = directory;

    public string Directory { get; }

    public static bool IsTarball(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    public static ReleaseTarball Extract(string path)
    {
        if (!File.Exists(path)) throw new ReleaseReadException($"{path}: no such file");
        var target = Path.Combine(Path.GetTempPath(), "reltool-diff-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(target);
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, target, overwriteFiles: false);
            return new ReleaseTarball(target);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or UnauthorizedAccessException)
        {
            System.IO.Directory.Delete(target, recursive: true);
            throw new ReleaseReadException($"{path}: not a readable release tarball: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
