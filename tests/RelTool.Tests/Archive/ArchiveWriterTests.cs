using System.Formats.Tar;
using System.IO.Compression;
using RelTool.Formats.Archive;

namespace RelTool.Tests.Archive;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ArchiveWriterTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string source;
    private static readonly ArchiveOptions Fixed = new() { Timestamp = ArchiveTimestamp.Default };

    public ArchiveWriterTests()
    {
        source = temp.Combine("rel");
        ReleaseTree.Create(source);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Two_writes_of_the_same_tree_give_the_same_bytes()
    {
        ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), Fixed);
        // Touching every file changes nothing the archive records.
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            if (new FileInfo(file).LinkTarget is null) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        ReleaseArchive.Write(source, temp.Combine("b.tar.gz"), Fixed);

        Assert.Equal(File.ReadAllBytes(temp.Combine("a.tar.gz")), File.ReadAllBytes(temp.Combine("b.tar.gz")));
    }

    [Fact]
    public void Output_does_not_depend_on_the_number_of_threads()
    {
        var small = Fixed with { ChunkSize = 64 << 10 };
        ReleaseArchive.Write(source, temp.Combine("one.tar.gz"), small with { MaxParallelism = 1 });
        ReleaseArchive.Write(source, temp.Combine("four.tar.gz"), small with { MaxParallelism = 4 });

        Assert.Equal(File.ReadAllBytes(temp.Combine("one.tar.gz")), File.ReadAllBytes(temp.Combine("four.tar.gz")));
    }

    [Fact]
    public void Entries_are_sorted_with_directories_fixed_owner_and_the_given_time()
    {
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), new ArchiveOptions { Timestamp = timestamp });

        using var tar = new TarReader(new GZipStream(File.OpenRead(temp.Combine("a.tar.gz")), CompressionMode.Decompress));
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name.TrimEnd('/'));
            Assert.Equal(timestamp, entry.ModificationTime);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(0, entry.Gid);
            Assert.Equal("", ((PosixTarEntry)entry).UserName);
            Assert.Equal("", ((PosixTarEntry)entry).GroupName);
            Assert.NotEqual(TarEntryFormat.Pax, entry.Format);
        }
        var expected = names.OrderBy(n => n.Split('/'), Comparer<string[]>.Create(ComparePaths)).ToList();
        Assert.Equal(expected, names);
        Assert.Contains("lib", names);
        Assert.Contains("releases/0.1.0/hooks", names);
        Assert.Contains(ReleaseTree.VeryLongName, names);
    }

    [Fact]
    public void Gnu_tar_extracts_it_and_gzip_accepts_it()
    {
        var archive = temp.Combine("a.tar.gz");
        ReleaseArchive.Write(source, archive, Fixed with { ChunkSize = 64 << 10 });
        var extracted = temp.Combine("gnu");
        Directory.CreateDirectory(extracted);

        var gzip = Tools.Run("gzip", "-t", archive);
        var tar = Tools.Run("tar", "-xzf", archive, "-C", extracted);

        Assert.True(gzip.ExitCode == 0, gzip.Output);
        Assert.True(tar.ExitCode == 0, tar.Output);
        Assert.Equal(Tools.Describe(source), Tools.Describe(extracted));
        Assert.True(File.Exists(Path.Combine(extracted, ReleaseTree.VeryLongName)));
        Assert.Equal("../../runtime", new DirectoryInfo(Path.Combine(extracted, "releases/0.1.0/runtime")).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(extracted, "bin/kv")));
    }

    [Fact]
    public void Small_chunks_become_several_gzip_members()
    {
        var archive = temp.Combine("a.tar.gz");
        ReleaseArchive.Write(source, archive, Fixed with { ChunkSize = 64 << 10 });

        var bytes = File.ReadAllBytes(archive);
        var headers = Enumerable.Range(0, bytes.Length - 10).Count(i => bytes[i] == 0x1F && bytes[i + 1] == 0x8B && bytes[i + 2] == 8 && bytes[i + 3] == 0 && bytes[i + 9] == 3
            && bytes[i + 4] == 0 && bytes[i + 5] == 0 && bytes[i + 6] == 0 && bytes[i + 7] == 0);
        Assert.True(headers > 10, $"{headers} gzip member headers");
    }

    [Fact]
    public void A_link_out_of_the_tree_is_an_error()
    {
        File.CreateSymbolicLink(Path.Combine(source, "lib/escape"), "../../etc/passwd");

        var error = Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), Fixed));
        Assert.Contains("lib/escape", error.Message);
        Assert.Contains("outside", error.Message);
        Assert.False(File.Exists(temp.Combine("a.tar.gz")));
    }

    [Fact]
    public void An_absolute_link_is_an_error()
    {
        File.CreateSymbolicLink(Path.Combine(source, "lib/abs"), "/usr/bin");

        var error = Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), Fixed));
        Assert.Contains("absolute", error.Message);
    }

    [Fact]
    public void Excluded_paths_and_the_output_itself_are_left_out()
    {
        var output = Path.Combine(source, "releases/0.1.0/kv.tar.gz");
        File.WriteAllText(output, "an older tarball");
        ReleaseTree.Write(source, "lib/Kv-0.1.0/Kv.pdb", "symbols", 0b110_100_100);

        ReleaseArchive.Write(source, output, Fixed with { Exclude = ["*.pdb", "runtime/shared/**"] });

        var paths = ReleaseArchive.List(output).Select(e => e.Path).ToList();
        Assert.DoesNotContain("releases/0.1.0/kv.tar.gz", paths);
        Assert.DoesNotContain("lib/Kv-0.1.0/Kv.pdb", paths);
        Assert.Contains("runtime/shared", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("runtime/shared/", StringComparison.Ordinal));
        Assert.Contains("runtime/dotnet", paths);
    }

    [Fact]
    public void A_fifo_in_the_tree_is_an_error()
    {
        var fifo = Path.Combine(source, "lib/pipe");
        var mkfifo = Tools.Run("mkfifo", fifo);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.Output);

        var error = Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), Fixed));
        Assert.Contains("fifo", error.Message);
        Assert.Equal(fifo, error.File);
    }

    [Fact]
    public void Missing_source_names_the_directory()
    {
        var missing = temp.Combine("nope");
        var error = Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(missing, temp.Combine("a.tar.gz"), Fixed));
        Assert.Equal(missing, error.File);
    }

    [Fact]
    public void Output_in_a_missing_directory_is_an_error_and_leaves_nothing()
    {
        var output = temp.Combine("no-such-dir", "a.tar.gz");
        Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(source, output, Fixed));
        Assert.False(Directory.Exists(temp.Combine("no-such-dir")));
    }

    [Fact]
    public void Result_counts_entries_and_bytes()
    {
        var result = ReleaseArchive.Write(source, temp.Combine("a.tar.gz"), Fixed);

        Assert.Equal(ReleaseArchive.List(temp.Combine("a.tar.gz")).Count, result.Entries);
        Assert.Equal(new FileInfo(temp.Combine("a.tar.gz")).Length, result.CompressedBytes);
        Assert.Equal(ReleaseArchive.Verify(temp.Combine("a.tar.gz")).TarBytes, result.TarBytes);
        Assert.Equal(0, result.SegmentsFromCache);
    }

    private static int ComparePaths(string[] a, string[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }
}
