using System.Security.Cryptography;

namespace RelTool.Formats.Archive;

/// <summary>Compressed segments of earlier writes, one file per segment named by the hash of its tar bytes and the
/// compression settings. Files appear by rename, so a reader never sees a partial one; each ends with a SHA-256 digest
/// of its content (over the hashes of 4 MiB blocks), checked while it is spliced in, so a file damaged later is a miss,
/// not a corrupt archive.</summary>
public sealed class ArchiveCache
{
    private const string Extension = ".seg";
    private const int DigestLength = 32;
    private const int DigestBlock = 4 << 20;
    private const int MaxIndexFiles = 64;
    private readonly string _directory;

    public ArchiveCache(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public string DirectoryPath => _directory;

    internal bool Contains(string key) => File.Exists(PathOf(key));

    private string PathOf(string key) => Path.Combine(_directory, key + Extension);

    /// <summary>Appends the cached segment's gzip members to <paramref name="output"/> while checking its digest;
    /// false, with <paramref name="output"/> cut back to where it was, when the segment is absent or damaged.</summary>
    internal bool TryCopyTo(string key, FileStream output, out long length)
    {
        length = 0;
        var path = PathOf(key);
        var start = output.Position;
        try
        {
            using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var bodyLength = input.Length - DigestLength;
            if (bodyLength <= 0) return false;
            var buffer = new byte[DigestBlock];
            var blockHashes = new byte[(int)((bodyLength + DigestBlock - 1) / DigestBlock) * DigestLength];
            for (var block = 0; block * (long)DigestBlock < bodyLength; block++)
            {
                var count = (int)Math.Min(DigestBlock, bodyLength - block * (long)DigestBlock);
                input.ReadExactly(buffer, 0, count);
                SHA256.HashData(buffer.AsSpan(0, count), blockHashes.AsSpan(block * DigestLength, DigestLength));
                output.Write(buffer, 0, count);
            }
            var stored = new byte[DigestLength];
            input.ReadExactly(stored);
            if (SHA256.HashData(blockHashes).AsSpan().SequenceEqual(stored))
            {
                length = bodyLength;
                Touch(path);
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        output.SetLength(start);
        output.Position = start;
        return false;
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
        var blocks = (length + DigestBlock - 1) / DigestBlock;
        var hashes = new byte[blocks * DigestLength];
        Parallel.For(0, blocks, i =>
            SHA256.HashData(body.AsSpan(i * DigestBlock, Math.Min(DigestBlock, length - i * DigestBlock)), hashes.AsSpan(i * DigestLength, DigestLength)));
        return SHA256.HashData(hashes);
    }

    /// <summary>Deletes the least recently used segments (and stale temporary files) until at most <paramref name="maxBytes"/> remain.</summary>
    public void Prune(long maxBytes)
    {
        var files = new DirectoryInfo(_directory).GetFiles();
        foreach (var stale in files.Where(f => f.Name.EndsWith(".tmp", StringComparison.Ordinal) && f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            TryDelete(stale);
        // One stat index per source folder written; folders that change name each time (release staging) would pile up.
        var index = new DirectoryInfo(Path.Combine(_directory, "index"));
        if (index.Exists)
            foreach (var old in index.GetFiles().OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxIndexFiles)) TryDelete(old);
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
