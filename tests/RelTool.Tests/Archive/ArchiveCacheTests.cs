using RelTool.Formats.Archive;

namespace RelTool.Tests.Archive;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ArchiveCacheTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string source;
    private readonly ArchiveOptions plain = new() { Timestamp = ArchiveTimestamp.Default, ChunkSize = 64 << 10 };
    private readonly ArchiveOptions cached;

    public ArchiveCacheTests()
    {
        source = temp.Combine("rel");
        ReleaseTree.Create(source);
        cached = plain with { CacheDirectory = temp.Combine("cache") };
    }

    public void Dispose() => temp.Dispose();

    private byte[] Bytes(string name) => File.ReadAllBytes(temp.Combine(name));

    [Fact]
    public void Output_is_the_same_with_or_without_the_cache()
    {
        ReleaseArchive.Write(source, temp.Combine("plain.tar.gz"), plain);
        var cold = ReleaseArchive.Write(source, temp.Combine("cold.tar.gz"), cached);
        var warm = ReleaseArchive.Write(source, temp.Combine("warm.tar.gz"), cached);

        Assert.Equal(Bytes("plain.tar.gz"), Bytes("cold.tar.gz"));
        Assert.Equal(Bytes("plain.tar.gz"), Bytes("warm.tar.gz"));
        Assert.Equal(0, cold.SegmentsFromCache);
        Assert.True(cold.Segments > 3, $"{cold.Segments} segments");
        // Every segment but the end-of-archive blocks comes from the cache.
        Assert.Equal(warm.Segments - 1, warm.SegmentsFromCache);
        Assert.True(warm.BytesFromCache > warm.CompressedBytes * 9 / 10);
    }

    [Fact]
    public void After_one_assembly_changes_only_its_segment_is_compressed_again()
    {
        var first = ReleaseArchive.Write(source, temp.Combine("first.tar.gz"), cached);
        var changed = ReleaseTree.Random(1_100_000, 99);
        ReleaseTree.Write(source, "lib/Kv-0.1.0/Kv.dll", changed, 0b110_100_100);

        var second = ReleaseArchive.Write(source, temp.Combine("second.tar.gz"), cached);
        ReleaseArchive.Write(source, temp.Combine("plain.tar.gz"), plain);

        Assert.Equal(Bytes("plain.tar.gz"), Bytes("second.tar.gz"));
        Assert.Equal(first.Segments, second.Segments);
        Assert.Equal(second.Segments - 2, second.SegmentsFromCache);
        var extracted = temp.Combine("x");
        ReleaseArchive.Extract(temp.Combine("second.tar.gz"), extracted);
        Assert.Equal(changed, File.ReadAllBytes(Path.Combine(extracted, "lib/Kv-0.1.0/Kv.dll")));
    }

    [Fact]
    public void A_same_size_change_with_the_old_mtime_is_still_seen_once_files_are_trusted_by_stat()
    {
        var assembly = Path.Combine(source, "lib/Kv-0.1.0/Kv.dll");
        var mtime = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(assembly, mtime);
        // Files changed within the racy window are always read; wait it out so the stat index is used.
        Thread.Sleep(TimeSpan.FromSeconds(2.2));
        ReleaseArchive.Write(source, temp.Combine("first.tar.gz"), cached);
        Assert.NotEmpty(Directory.GetFiles(temp.Combine("cache", "index")).SelectMany(File.ReadAllLines));
        var bytes = File.ReadAllBytes(assembly);
        bytes[1000] ^= 0xFF;
        File.WriteAllBytes(assembly, bytes);
        File.SetLastWriteTimeUtc(assembly, mtime);
        // Past the racy window again, only the changed ctime tells the file apart.
        Thread.Sleep(TimeSpan.FromSeconds(2.2));

        var second = ReleaseArchive.Write(source, temp.Combine("second.tar.gz"), cached);
        ReleaseArchive.Write(source, temp.Combine("plain.tar.gz"), plain);

        Assert.Equal(Bytes("plain.tar.gz"), Bytes("second.tar.gz"));
        Assert.Equal(second.Segments - 2, second.SegmentsFromCache);
    }

    [Fact]
    public void A_fresh_copy_of_the_tree_still_reuses_segments_by_content()
    {
        ReleaseArchive.Write(source, temp.Combine("first.tar.gz"), cached);
        var copy = temp.Combine("copy");
        ReleaseTree.Create(copy);

        var second = ReleaseArchive.Write(copy, temp.Combine("second.tar.gz"), cached);

        Assert.Equal(second.Segments - 1, second.SegmentsFromCache);
        Assert.Equal(Bytes("first.tar.gz"), Bytes("second.tar.gz"));
    }

    private const string RuntimeFolder = "runtime/shared/Microsoft.NETCore.App/10.0.0";

    /// <summary>A copy of the tree in a new folder, as a release's staging has, with its runtime folder left empty.</summary>
    private string StagingWithoutRuntime(string name)
    {
        var staging = temp.Combine(name);
        ReleaseTree.Create(staging);
        Directory.Delete(Path.Combine(staging, RuntimeFolder), recursive: true);
        Directory.CreateDirectory(Path.Combine(staging, RuntimeFolder));
        return staging;
    }

    [Fact]
    public void A_grafted_folder_packs_as_if_it_were_in_the_tree()
    {
        ReleaseArchive.Write(source, temp.Combine("whole.tar.gz"), plain);
        var grafted = plain with { Grafts = new Dictionary<string, string> { [RuntimeFolder] = Path.Combine(source, RuntimeFolder) } };

        ReleaseArchive.Write(StagingWithoutRuntime("staging"), temp.Combine("grafted.tar.gz"), grafted);

        Assert.Equal(Bytes("whole.tar.gz"), Bytes("grafted.tar.gz"));
    }

    [Fact]
    public void A_tree_in_a_new_folder_each_time_reads_only_its_new_files_when_the_index_has_a_stable_name()
    {
        var options = cached with
        {
            Grafts = new Dictionary<string, string> { [RuntimeFolder] = Path.Combine(source, RuntimeFolder) },
            IndexName = "out/kv/releases/0.1.0/kv.tar.gz",
        };
        // The grafted runtime is old enough to be trusted by stat; the staging copies are new each time.
        Thread.Sleep(TimeSpan.FromSeconds(2.2));
        var first = ReleaseArchive.Write(StagingWithoutRuntime("staging-1"), temp.Combine("first.tar.gz"), options);
        var second = ReleaseArchive.Write(StagingWithoutRuntime("staging-2"), temp.Combine("second.tar.gz"), options);
        var unnamed = ReleaseArchive.Write(StagingWithoutRuntime("staging-3"), temp.Combine("third.tar.gz"), options with { IndexName = null });

        const int endOfArchive = 1024;
        Assert.Equal(first.TarBytes - endOfArchive, first.SourceBytesRead);
        var runtimeBytes = new FileInfo(Path.Combine(source, RuntimeFolder, "System.Private.CoreLib.dll")).Length;
        Assert.True(first.TarBytes - second.SourceBytesRead > runtimeBytes, $"{second.SourceBytesRead} of {second.TarBytes} tar bytes read again");
        Assert.Equal(unnamed.TarBytes - endOfArchive, unnamed.SourceBytesRead);
        Assert.Equal(Bytes("first.tar.gz"), Bytes("second.tar.gz"));
        Assert.Equal(Bytes("first.tar.gz"), Bytes("third.tar.gz"));
    }

    [Fact]
    public void A_graft_needs_an_empty_folder_in_the_tree_and_an_existing_source()
    {
        var notEmpty = plain with { Grafts = new Dictionary<string, string> { ["runtime/shared"] = Path.Combine(source, RuntimeFolder) } };
        var missing = plain with { Grafts = new Dictionary<string, string> { [RuntimeFolder] = temp.Combine("nowhere") } };
        var staging = StagingWithoutRuntime("staging");

        Assert.Contains("needs an empty directory", Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(staging, temp.Combine("a.tar.gz"), notEmpty)).Message);
        Assert.Contains("no such directory", Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(staging, temp.Combine("b.tar.gz"), missing)).Message);
        Assert.False(File.Exists(temp.Combine("a.tar.gz")) || File.Exists(temp.Combine("b.tar.gz")));
    }

    [Fact]
    public void A_damaged_cache_file_is_a_miss_not_a_corrupt_archive()
    {
        ReleaseArchive.Write(source, temp.Combine("plain.tar.gz"), plain);
        ReleaseArchive.Write(source, temp.Combine("cold.tar.gz"), cached);
        foreach (var segment in Directory.GetFiles(temp.Combine("cache"), "*.seg"))
        {
            var bytes = File.ReadAllBytes(segment);
            bytes[bytes.Length / 2] ^= 0x55;
            File.WriteAllBytes(segment, bytes);
        }

        var again = ReleaseArchive.Write(source, temp.Combine("again.tar.gz"), cached);

        Assert.Equal(0, again.SegmentsFromCache);
        Assert.Equal(Bytes("plain.tar.gz"), Bytes("again.tar.gz"));
    }

    [Fact]
    public void A_cache_inside_the_source_is_not_packed()
    {
        var inside = plain with { CacheDirectory = Path.Combine(source, ".reltool-cache") };
        ReleaseArchive.Write(source, temp.Combine("first.tar.gz"), inside);

        var second = ReleaseArchive.Write(source, temp.Combine("second.tar.gz"), inside);

        Assert.DoesNotContain(ReleaseArchive.List(temp.Combine("second.tar.gz")), e => e.Path.StartsWith(".reltool-cache", StringComparison.Ordinal));
        Assert.Equal(second.Segments - 1, second.SegmentsFromCache);
    }

    [Fact]
    public void Pruning_keeps_the_cache_under_its_bound()
    {
        ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), cached);
        var segments = Directory.GetFiles(temp.Combine("cache"), "*.seg").Select(f => new FileInfo(f).Length).ToList();
        var bound = segments.Sum() - 1;

        new ArchiveCache(temp.Combine("cache")).Prune(bound);

        var kept = Directory.GetFiles(temp.Combine("cache"), "*.seg").Select(f => new FileInfo(f).Length).ToList();
        Assert.InRange(kept.Sum(), 1, bound);
        Assert.True(kept.Count < segments.Count);
        Assert.Empty(Directory.GetFiles(temp.Combine("cache"), "*.tmp"));
    }
}
