using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RelTool.Formats.Archive;

/// <summary>Writes a directory as a reproducible tar.gz: plan segments and chunks, take what the cache has, compress
/// the rest in parallel while writing in order to a temporary file, which is then renamed over the output.</summary>
internal static class ArchiveWriter
{
    public static ArchiveResult Write(string sourceDirectory, string outputFile, ArchiveOptions options)
    {
        var source = Path.GetFullPath(sourceDirectory);
        var output = Path.GetFullPath(outputFile);
        Validate(source, output, options);
        var timestamp = options.Timestamp ?? ArchiveTimestamp.FromEnvironment();
        var mtime = timestamp.ToUnixTimeSeconds();
        if (mtime < 0) throw new ArchiveException(output, $"timestamp {timestamp:O} is before 1970");

        var scanStarted = DateTimeOffset.UtcNow;
        var ownFiles = new HashSet<string> { output };
        if (options.CacheDirectory is { } cacheDirectory) ownFiles.Add(Path.TrimEndingDirectorySeparator(Path.GetFullPath(cacheDirectory)));
        var entries = Placed(SourceTree.Scan(source, new ExcludeGlob(options.Exclude), ownFiles, options.Grafts), source, options);
        var segments = SegmentPlanner.Plan(entries, mtime);
        var chunks = Chunk(segments, options.ChunkSize);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism ?? Environment.ProcessorCount };
        var cache = options.CacheDirectory is null ? null : new ArchiveCache(options.CacheDirectory);
        var index = cache is null ? null : StatIndex.Open(cache.DirectoryPath, options.IndexName ?? source);
        var settings = Settings(options);

        var signatures = new string?[segments.Count];
        var keys = new string?[segments.Count];
        var cached = new bool[segments.Count];
        var splicedByStat = new bool[segments.Count];
        byte[][]? hashes = null;
        if (cache is not null)
        {
            for (var s = 0; s < segments.Count; s++)
            {
                if (!segments[s].Cacheable) continue;
                signatures[s] = SegmentSignature.Compute(segments[s], settings, scanStarted);
                keys[s] = signatures[s] is { } signature ? index!.Find(signature) : null;
                cached[s] = keys[s] is { } key && cache.Contains(key);
            }
            var unknown = ChunksOf(chunks, s => segments[s].Cacheable && !cached[s]);
            hashes = ReadAndHash(segments, chunks, unknown, options.ChunkSize, parallel);
            foreach (var group in unknown.GroupBy(i => chunks[i].Segment))
            {
                keys[group.Key] = SegmentKey.Compute(settings, group.Select(i => hashes[i]));
                cached[group.Key] = cache.Contains(keys[group.Key]!);
            }
        }
        // The others compress while cached segments are spliced in and the output is written in order.
        var members = chunks.Select(_ => new TaskCompletionSource<byte[]>()).ToArray();
        var compressing = Task.Run(() => Compress(segments, chunks, ChunksOf(chunks, s => !cached[s]), hashes, members, options, parallel));

        var temp = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        int fromCache = 0;
        long bytesFromCache = 0, written = 0;
        try
        {
            using (var handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                for (var s = 0; s < segments.Count; s++)
                {
                    var segmentChunks = ChunksOf(chunks, x => x == s);
                    if (cached[s] && cache!.TryCopyTo(keys[s]!, handle, written, out var length))
                    {
                        splicedByStat[s] = hashes is null || segmentChunks.All(i => hashes[i] is null);
                        fromCache++;
                        bytesFromCache += length;
                        written += length;
                    }
                    else
                    {
                        if (cached[s]) Compress(segments, chunks, segmentChunks, hashes, members, options, parallel);
                        var segmentMembers = segmentChunks.Select(i => members[i].Task.GetAwaiter().GetResult()).ToList();
                        foreach (var member in segmentMembers)
                        {
                            RandomAccess.Write(handle, member, written);
                            written += member.Length;
                        }
                        if (keys[s] is { } key) cache!.Store(key, segmentMembers);
                    }
                    if (signatures[s] is { } signature) index!.Record(signature, keys[s]!);
                }
                // A splice that failed half-way may have written past what replaced it.
                RandomAccess.SetLength(handle, written);
            }
            Replace(temp, output);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArchiveException(output, "cannot write the output: " + e.Message, e);
        }
        catch (IOException e)
        {
            throw new ArchiveException(output, "cannot write the output: " + e.Message, e);
        }
        finally
        {
            // Leave no compression running behind an error; its failures already reached the loop above.
            ((IAsyncResult)compressing).AsyncWaitHandle.WaitOne();
            if (File.Exists(temp)) File.Delete(temp);
        }
        index?.Save();
        cache?.Prune(options.CacheMaxBytes);
        cache?.SaveTrust();
        var bytesRead = segments.Where((segment, s) => segment.Cacheable && !splicedByStat[s]).Sum(segment => segment.Length);
        return new ArchiveResult(output, entries.Count, segments.Sum(s => s.Length), written, segments.Count, fromCache, bytesFromCache, timestamp, bytesRead);
    }

    /// <summary>Moves the entries under <see cref="ArchiveOptions.EntryPrefix"/> (after its own directories) and gives the
    /// ones <see cref="ArchiveOptions.Owner"/> names their owner.</summary>
    private static List<SourceEntry> Placed(List<SourceEntry> entries, string source, ArchiveOptions options)
    {
        if (options.EntryPrefix is null && options.Owner is null) return entries;
        var placed = new List<SourceEntry>(entries.Count + 4);
        var prefix = options.EntryPrefix?.Trim('/') ?? "";
        if (prefix.Length > 0)
        {
            var names = prefix.Split('/');
            for (var i = 1; i <= names.Length; i++)
                placed.Add(new SourceEntry(string.Join('/', names[..i]), SourceEntryKind.Directory, 0b111_101_101, 0, source, null));
            placed.AddRange(entries.Select(e => e with { RelativePath = prefix + "/" + e.RelativePath }));
        }
        else placed.AddRange(entries);
        if (options.Owner is { } owner)
        {
            var owned = new ExcludeGlob(owner.Paths);
            for (var i = 0; i < placed.Count; i++)
                if (owned.Matches(placed[i].RelativePath)) placed[i] = placed[i] with { Uid = owner.Uid, Gid = owner.Gid };
        }
        return placed;
    }

    /// <summary>Puts the finished file in place atomically. Swapping names and then deleting the old file is much
    /// cheaper on ext4 than renaming over it, which makes the file system write the new file out first.</summary>
    private static void Replace(string temp, string output)
    {
        if (File.Exists(output) && LinuxFiles.TryExchange(temp, output))
            File.Delete(temp);
        else
            File.Move(temp, output, overwrite: true);
    }

    private static void Validate(string source, string output, ArchiveOptions options)
    {
        if (!Directory.Exists(source)) throw new ArchiveException(source, "no such directory");
        if (Directory.Exists(output)) throw new ArchiveException(output, "is a directory");
        var outputDirectory = Path.GetDirectoryName(output)!;
        if (!Directory.Exists(outputDirectory)) throw new ArchiveException(output, $"directory {outputDirectory} does not exist");
        if (options.CompressionLevel is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(options), "CompressionLevel must be 1–9");
        if (options.ChunkSize < 64 << 10) throw new ArgumentOutOfRangeException(nameof(options), "ChunkSize must be at least 64 KiB");
        if (options.EntryPrefix is { } prefix && (prefix.Trim('/').Length == 0 || prefix.Split('/').Any(n => n is "" or "." or "..")))
            throw new ArgumentOutOfRangeException(nameof(options), $"EntryPrefix '{prefix}' must be a relative path of plain names");
        foreach (var (relative, graft) in options.Grafts)
        {
            var placeholder = Path.Combine(source, relative);
            if (!Directory.Exists(placeholder) || Directory.EnumerateFileSystemEntries(placeholder).Any())
                throw new ArchiveException(placeholder, $"a graft needs an empty directory here, to hold {graft}'s contents");
            if (!Directory.Exists(graft)) throw new ArchiveException(graft, "no such directory (grafted at " + relative + ")");
        }
    }

    /// <summary>Everything besides the tar bytes that shapes the compressed output, including the runtime whose zlib-ng deflates.</summary>
    private static string Settings(ArchiveOptions options) =>
        $"reltool-archive/1 level={options.CompressionLevel} chunk={options.ChunkSize} runtime={Environment.Version} arch={RuntimeInformation.ProcessArchitecture}\n";

    private static List<ArchiveChunk> Chunk(List<ArchiveSegment> segments, int chunkSize)
    {
        var chunks = new List<ArchiveChunk>();
        for (var s = 0; s < segments.Count; s++)
            for (long offset = 0; offset < segments[s].Length; offset += chunkSize)
                chunks.Add(new ArchiveChunk(s, offset, (int)Math.Min(chunkSize, segments[s].Length - offset)));
        return chunks;
    }

    private static int[] ChunksOf(List<ArchiveChunk> chunks, Func<int, bool> segmentFilter) =>
        Enumerable.Range(0, chunks.Count).Where(i => segmentFilter(chunks[i].Segment)).ToArray();

    /// <summary>Hashes the given chunks' tar bytes. The bytes are not kept: most segments turn out to be cached,
    /// and the few that are not are read again (and checked against these hashes) when they are compressed.</summary>
    private static byte[][] ReadAndHash(List<ArchiveSegment> segments, List<ArchiveChunk> chunks, int[] indices, int chunkSize, ParallelOptions parallel)
    {
        var hashes = new byte[chunks.Count][];
        Unwrap(() => Parallel.ForEach(indices, parallel, () => new byte[chunkSize], (i, _, buffer) =>
        {
            var chunk = chunks[i];
            var data = buffer.AsSpan(0, chunk.Length);
            segments[chunk.Segment].Read(chunk.Offset, data);
            hashes[i] = SHA256.HashData(data);
            return buffer;
        }, _ => { }));
        return hashes;
    }

    /// <summary>Compresses the given chunks, in order as far as the threads allow, each into its gzip member; a
    /// failure fails every member not yet done, so that a writer waiting on one of them sees it.</summary>
    private static void Compress(List<ArchiveSegment> segments, List<ArchiveChunk> chunks, int[] indices, byte[][]? expectedHashes,
        TaskCompletionSource<byte[]>[] members, ArchiveOptions options, ParallelOptions parallel)
    {
        try
        {
            Unwrap(() => Parallel.ForEach(Partitioner.Create(indices, EnumerablePartitionerOptions.NoBuffering), parallel, () => new byte[options.ChunkSize], (i, _, buffer) =>
            {
                var chunk = chunks[i];
                var data = buffer.AsSpan(0, chunk.Length);
                segments[chunk.Segment].Read(chunk.Offset, data);
                if (expectedHashes?[i] is { } expected && !SHA256.HashData(data).AsSpan().SequenceEqual(expected))
                    throw new ArchiveException(segments[chunk.Segment].Name, "files changed while being archived");
                members[i].SetResult(GzipMember.Compress(data, options.CompressionLevel));
                return buffer;
            }, _ => { }));
        }
        catch (Exception e)
        {
            foreach (var i in indices) members[i].TrySetException(e);
            throw;
        }
    }

    /// <summary>Parallel loops wrap what a body throws; callers want the archive error itself.</summary>
    private static void Unwrap(Action action)
    {
        try
        {
            action();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
