using System.Security.Cryptography;

namespace RelTool.Formats.Archive;

/// <summary>Compressed segments of earlier writes, one file per segment named by the hash of its tar bytes and the
/// compression settings. Files appear by rename, so a reader never sees a partial one; each ends with the SHA-256 of
/// its content, checked while it is spliced in, so a file damaged later is a miss, not a corrupt archive.</summary>
public sealed class ArchiveCache
{
    private const string Extension = ".seg";
    private const int DigestLength = 32;
    private readonly string _directory;

    public ArchiveCache(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public string DirectoryPath => _directory;

    internal bool Contains(string key) => File.Exists(PathOf(key));

    private string PathOf(string key) => Path.Combine(_directory, key + Extension);

    /// <summary>Copies the cached segment to <paramref name="output"/>; false (and nothing written) when absent or damaged.</summary>
    internal bool TryCopyTo(string key, Stream output, out long length)
    {
        length = 0;
        var path = PathOf(key);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        if (content.Length <= DigestLength) return false;
        var body = content.AsSpan(0, content.Length - DigestLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(content.AsSpan(body.Length))) return false;
        output.Write(body);
        length = body.Length;
        Touch(path);
        return true;
    }

    internal void Store(string key, IReadOnlyList<byte[]> members)
    {
        var path = PathOf(key);
        var temp = Path.Combine(_directory, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                foreach (var member in members)
                {
                    stream.Write(member);
                    hash.AppendData(member);
                }
                stream.Write(hash.GetHashAndReset());
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs speed next time.
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Deletes the least recently used segments (and stale temporary files) until at most <paramref name="maxBytes"/> remain.</summary>
    public void Prune(long maxBytes)
    {
        var files = new DirectoryInfo(_directory).GetFiles();
        foreach (var stale in files.Where(f => f.Name.EndsWith(".tmp", StringComparison.Ordinal) && f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            TryDelete(stale);
        var segments = files.Where(f => f.Name.EndsWith(Extension, StringComparison.Ordinal)).OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        long kept = 0;
        foreach (var segment in segments)
        {
            kept += segment.Length;
            if (kept > maxBytes) TryDelete(segment);
        }
    }

    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(FileInfo file)
    {
        try
        {
            file.Delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
