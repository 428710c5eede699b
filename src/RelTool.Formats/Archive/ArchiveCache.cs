using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace RelTool.Formats.Archive;

/// <summary>Compressed segments of earlier writes, one file per segment named by the hash of its tar bytes and the
/// compression settings. Files appear by rename, so a reader never sees a partial one; each ends with a SHA-256 digest
/// of its content (over the hashes of 4 MiB blocks). A file is checked against its digest while it is spliced in, so a
/// file damaged later is a miss, not a corrupt archive — unless it still has the stat identity (inode, size, mtime,
/// ctime) recorded when it was last written or checked: then it is spliced unread, by the kernel, as git trusts an
/// unchanged stat. Any write to the file, or a new file under its name, changes that identity.</summary>
public sealed class ArchiveCache
{
    private const string Extension = ".seg";
    private const string TrustFileName = "trusted.txt";
    private const int DigestLength = 32;
    private const int DigestBlock = 4 << 20;
    private const int MaxIndexFiles = 64;
    private readonly string directory;
    private readonly Dictionary<string, string> trusted;

    public ArchiveCache(string directory)
    {
        this.directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(this.directory);
        trusted = CacheRecordFile.Read(Path.Combine(this.directory, TrustFileName), identity => identity.Length > 0);
    }

    public string DirectoryPath => directory;

    internal bool Contains(string key) => File.Exists(PathOf(key));

    private string PathOf(string key) => Path.Combine(directory, key + Extension);

    /// <summary>Writes the cached segment's gzip members into <paramref name="output"/> at <paramref name="offset"/>;
    /// false when the segment is absent or damaged (what was written there is then to be overwritten).</summary>
    internal bool TryCopyTo(string key, SafeFileHandle output, long offset, out long length)
    {
        length = 0;
        var path = PathOf(key);
        try
        {
            var trusted = this.trusted.TryGetValue(key, out var identity) && UnixStat.Of(path) is { } stat && stat.Identity == identity;
            using var input = File.OpenHandle(path);
            var bodyLength = RandomAccess.GetLength(input) - DigestLength;
            if (bodyLength <= 0) return false;
            if (trusted) Splice(input, bodyLength, output, offset);
            else if (!CopyChecked(input, bodyLength, output, offset)) return false;
            length = bodyLength;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        Touch(path);
        Trust(key, path);
        return true;
    }

    private static void Splice(SafeFileHandle input, long length, SafeFileHandle output, long offset)
    {
        var copied = LinuxFiles.CopyRange(input, 0, output, offset, length);
        if (copied == length) return;
        var buffer = new byte[Math.Min(DigestBlock, length - copied)];
        while (copied < length)
        {
            var count = RandomAccess.Read(input, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - copied)), copied);
            if (count == 0) throw new IOException("the cached segment ended early");
            RandomAccess.Write(output, buffer.AsSpan(0, count), offset + copied);
            copied += count;
        }
    }

    private static bool CopyChecked(SafeFileHandle input, long bodyLength, SafeFileHandle output, long offset)
    {
        var buffer = new byte[DigestBlock];
        var blockHashes = new byte[(int)((bodyLength + DigestBlock - 1) / DigestBlock) * DigestLength];
        for (var block = 0; block * (long)DigestBlock < bodyLength; block++)
        {
            var position = block * (long)DigestBlock;
            var data = buffer.AsSpan(0, (int)Math.Min(DigestBlock, bodyLength - position));
            if (RandomAccess.Read(input, data, position) != data.Length) return false;
            SHA256.HashData(data, blockHashes.AsSpan(block * DigestLength, DigestLength));
            RandomAccess.Write(output, data, offset + position);
        }
        var stored = new byte[DigestLength];
        if (RandomAccess.Read(input, stored, bodyLength) != DigestLength) return false;
        return SHA256.HashData(blockHashes).AsSpan().SequenceEqual(stored);
    }

    private void Trust(string key, string path)
    {
        if (UnixStat.Of(path) is { } stat) trusted[key] = stat.Identity;
    }

    /// <summary>Records the identities of the segments that exist, for the next write; without it the next write
    /// checks each segment it uses once more.</summary>
    internal void SaveTrust() =>
        CacheRecordFile.TryWrite(Path.Combine(directory, TrustFileName), trusted.Where(p => Contains(p.Key)));

    internal void Store(string key, IReadOnlyList<byte[]> members)
    {
        var path = PathOf(key);
        var temp = Path.Combine(directory, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
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
            Trust(key, path);
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
        var files = new DirectoryInfo(directory).GetFiles();
        foreach (var stale in files.Where(f => f.Name.EndsWith(".tmp", StringComparison.Ordinal) && f.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1)))
            TryDelete(stale);
        // One stat index per source folder written; folders that change name each time (release staging) would pile up.
        var index = new DirectoryInfo(Path.Combine(directory, "index"));
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
