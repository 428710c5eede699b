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

    /// <summary>The cached segment's gzip members; null when absent or damaged.</summary>
    internal ReadOnlyMemory<byte>? TryLoad(string key)
    {
        var path = PathOf(key);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (content.Length <= DigestLength) return null;
        var length = content.Length - DigestLength;
        if (!Digest(content, length).AsSpan().SequenceEqual(content.AsSpan(length))) return null;
        Touch(path);
        return content.AsMemory(0, length);
    }

    internal void Store(string key, IReadOnlyList<byte[]> members)
    {
        var path = PathOf(key);
        var temp = Path.Combine(_directory, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var body = new byte[members.Sum(m => (long)m.Length)];
            var offset = 0;
            foreach (var member in members)
            {
                member.CopyTo(body, offset);
                offset += member.Length;
            }
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(body);
                stream.Write(Digest(body, body.Length));
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs speed next time.
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>SHA-256 over the SHA-256 of each 4 MiB block, so that checking a large segment uses every core.</summary>
    private static byte[] Digest(byte[] body, int length)
    {
        const int block = 4 << 20;
        var blocks = (length + block - 1) / block;
        var hashes = new byte[blocks * DigestLength];
        Parallel.For(0, blocks, i =>
            SHA256.HashData(body.AsSpan(i * block, Math.Min(block, length - i * block)), hashes.AsSpan(i * DigestLength, DigestLength)));
        return SHA256.HashData(hashes);
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
