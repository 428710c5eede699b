using System.Formats.Tar;
using RelTool.Formats.Archive;

namespace RelTool.Tests.Archive;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string ReleaseTarball()
    {
        var source = temp.Combine("rel");
        if (!Directory.Exists(source)) ReleaseTree.Create(source);
        var tarball = temp.Combine("rel.tar.gz");
        ReleaseArchive.Write(source, tarball, new ArchiveOptions { Timestamp = ArchiveTimestamp.Default, ChunkSize = 64 << 10 });
        return tarball;
    }

    [Fact]
    public void Extracts_a_release_with_modes_links_and_long_names()
    {
        var tarball = ReleaseTarball();
        var destination = temp.Combine("opt", "kv");

        var result = ReleaseArchive.Extract(tarball, destination);

        Assert.Equal(Tools.Describe(temp.Combine("rel")), Tools.Describe(destination));
        Assert.Equal(ReleaseArchive.List(tarball).Count, result.Written);
        Assert.Equal(["kv"], Directory.GetFileSystemEntries(temp.Combine("opt")).Select(Path.GetFileName));
    }

    [Fact]
    public void Extracts_what_gnu_tar_packed()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        var tarball = temp.Combine("gnu.tar.gz");
        var tar = Tools.Run("tar", "-czf", tarball, "-C", temp.Combine("rel"), ".");
        Assert.True(tar.ExitCode == 0, tar.Output);

        ReleaseArchive.Extract(tarball, temp.Combine("x"));

        Assert.Equal(Tools.Describe(temp.Combine("rel")), Tools.Describe(temp.Combine("x")));
    }

    [Fact]
    public void Only_under_writes_just_the_named_subtrees_into_an_existing_root()
    {
        var tarball = ReleaseTarball();
        var destination = temp.Combine("opt");
        Directory.CreateDirectory(destination);
        File.WriteAllText(Path.Combine(destination, "keep.txt"), "mine");

        var result = ReleaseArchive.Extract(tarball, destination, new ExtractOptions { OnlyUnder = ["lib/Kv-0.1.0", "releases/0.1.0"] });

        Assert.True(File.Exists(Path.Combine(destination, "lib/Kv-0.1.0/Kv.dll")));
        Assert.True(File.Exists(Path.Combine(destination, "releases/0.1.0/kv.rel")));
        Assert.Equal("Kv.dll", new FileInfo(Path.Combine(destination, "lib/Kv-0.1.0/current.dll")).LinkTarget);
        Assert.Equal("../../runtime", new FileInfo(Path.Combine(destination, "releases/0.1.0/runtime")).LinkTarget);
        Assert.False(Directory.Exists(Path.Combine(destination, "runtime")));
        Assert.False(Directory.Exists(Path.Combine(destination, "lib/Other-2.0.0")));
        Assert.False(File.Exists(Path.Combine(destination, "releases/start_erl.data")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(destination, "keep.txt")));
        Assert.True(result.FilteredOut > 0);
        Assert.Equal(["keep.txt", "lib", "releases"], Directory.GetFileSystemEntries(destination).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Skip_identical_leaves_unchanged_files_untouched_and_replaces_changed_ones()
    {
        var tarball = ReleaseTarball();
        var destination = temp.Combine("opt");
        ReleaseArchive.Extract(tarball, destination);
        var untouched = Path.Combine(destination, "runtime/dotnet");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(untouched, stamp);
        var edited = Path.Combine(destination, "lib/Kv-0.1.0/Kv.app");
        File.WriteAllText(edited, "edited");

        var result = ReleaseArchive.Extract(tarball, destination, new ExtractOptions { SkipIdentical = true });

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(untouched));
        Assert.StartsWith("{application", File.ReadAllText(edited));
        Assert.True(result.SkippedIdentical > 5);
        Assert.Equal(Tools.Describe(temp.Combine("rel")), Tools.Describe(destination));
    }

    [Theory]
    [InlineData("../escape.txt", "contains '..'")]
    [InlineData("lib/../../escape.txt", "contains '..'")]
    [InlineData("/tmp/abs.txt", "absolute")]
    public void Refuses_entries_that_leave_the_root(string name, string why)
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.File("ok.txt"), MaliciousTarball.File(name));

        AssertRefused(tarball, why);
    }

    [Theory]
    [InlineData("lib/link", "/etc", "absolute")]
    [InlineData("lib/link", "../../etc", "outside")]
    [InlineData("link", "..", "outside")]
    [InlineData("lib/link", "x/../../..", "after a name")]
    public void Refuses_symlinks_that_point_out_of_the_root(string name, string target, string why)
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.Directory("lib/"), MaliciousTarball.Symlink(name, target));

        AssertRefused(tarball, why);
    }

    [Fact]
    public void Refuses_writing_through_a_symlink_of_the_archive()
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.Symlink("lib", "."), MaliciousTarball.File("lib/x.txt"));

        AssertRefused(tarball, "below 'lib'");
    }

    [Fact]
    public void Refuses_hard_links_to_paths_outside_the_archive()
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.HardLink("passwd", "../../etc/passwd"));

        AssertRefused(tarball, "contains '..'");
    }

    [Fact]
    public void Refuses_hard_links_to_files_not_in_the_archive()
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.HardLink("copy", "missing"));

        AssertRefused(tarball, "earlier regular file");
    }

    [Fact]
    public void Hard_links_to_earlier_files_become_copies()
    {
        var tarball = temp.Combine("links.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.File("a.txt", "hello"), MaliciousTarball.HardLink("b.txt", "a.txt"));

        ReleaseArchive.Extract(tarball, temp.Combine("x"));

        Assert.Equal("hello", File.ReadAllText(temp.Combine("x", "b.txt")));
    }

    [Theory]
    [InlineData(TarEntryType.Fifo)]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    public void Refuses_devices_and_fifos(TarEntryType type)
    {
        var tarball = temp.Combine("evil.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.File("ok.txt"), MaliciousTarball.Of(type, "dev"));

        AssertRefused(tarball, type.ToString());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void A_truncated_tarball_is_an_error_naming_the_file_and_leaves_nothing(double keep)
    {
        var tarball = ReleaseTarball();
        var bytes = File.ReadAllBytes(tarball);
        var truncated = temp.Combine("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(int)(bytes.Length * keep)]);

        AssertRefused(truncated, "");
    }

    [Fact]
    public void A_tarball_missing_only_its_last_bytes_is_an_error()
    {
        var tarball = ReleaseTarball();
        var bytes = File.ReadAllBytes(tarball);
        var truncated = temp.Combine("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..^3]);

        AssertRefused(truncated, "");
    }

    [Fact]
    public void A_gnu_tarball_missing_its_gzip_trailer_is_an_error()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        var tarball = temp.Combine("gnu.tar.gz");
        var tar = Tools.Run("tar", "-czf", tarball, "-C", temp.Combine("rel"), ".");
        Assert.True(tar.ExitCode == 0, tar.Output);
        var bytes = File.ReadAllBytes(tarball);
        var truncated = temp.Combine("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..^4]);

        AssertRefused(truncated, "truncated.tar.gz");
    }

    [Fact]
    public void A_tarball_cut_inside_its_trailing_padding_is_an_error()
    {
        // Stored (level 0) deflate blocks take any bytes as data, so only the end-of-stream marker notices this cut.
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "a.txt") { DataStream = new MemoryStream([1, 2, 3]) });
        tar.Write(new byte[8192]);
        var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.NoCompression, leaveOpen: true))
            gzip.Write(tar.ToArray());
        var tarball = temp.Combine("cut.tar.gz");
        File.WriteAllBytes(tarball, compressed.ToArray()[..^4000]);

        AssertRefused(tarball, "truncated gzip data");
    }

    [Fact]
    public void A_complete_gzip_of_a_tar_without_its_end_blocks_is_an_error()
    {
        var tar = new MemoryStream();
        var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true);
        writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "a.txt") { DataStream = new MemoryStream([1, 2, 3]) });
        var withoutEnd = tar.ToArray();
        var tarball = temp.Combine("cut.tar.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(tarball), System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(withoutEnd);

        AssertRefused(tarball, "truncated tar data");
    }

    [Fact]
    public void A_corrupted_byte_is_an_error()
    {
        var tarball = ReleaseTarball();
        var bytes = File.ReadAllBytes(tarball);
        bytes[bytes.Length / 3] ^= 0xFF;
        var corrupt = temp.Combine("corrupt.tar.gz");
        File.WriteAllBytes(corrupt, bytes);

        AssertRefused(corrupt, "corrupt");
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_an_error()
    {
        var notGzip = temp.Combine("plain.tar.gz");
        File.WriteAllText(notGzip, "this is not a tarball");

        AssertRefused(notGzip, "not a gzip file");
    }

    [Fact]
    public void A_failed_extraction_into_an_existing_root_leaves_it_as_it_was()
    {
        var tarball = ReleaseTarball();
        var bytes = File.ReadAllBytes(tarball);
        var truncated = temp.Combine("truncated.tar.gz");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length * 9 / 10)]);
        var destination = temp.Combine("opt");
        Directory.CreateDirectory(destination);
        File.WriteAllText(Path.Combine(destination, "keep.txt"), "mine");

        Assert.Throws<ArchiveException>(() => ReleaseArchive.Extract(truncated, destination));

        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(destination).Select(Path.GetFileName));
    }

    [Fact]
    public void List_and_verify_report_the_entries()
    {
        var tarball = ReleaseTarball();

        var entries = ReleaseArchive.List(tarball);
        var verified = ReleaseArchive.Verify(tarball);

        Assert.Equal(entries.Count, verified.Entries);
        var launcher = Assert.Single(entries, e => e.Path == "bin/kv");
        Assert.Equal(ArchiveEntryKind.File, launcher.Kind);
        Assert.Equal(0b111_101_101, launcher.Mode);
        var link = Assert.Single(entries, e => e.Path == "releases/0.1.0/runtime");
        Assert.Equal(ArchiveEntryKind.SymbolicLink, link.Kind);
        Assert.Equal("../../runtime", link.LinkTarget);
        Assert.Contains(entries, e => e.Path == ReleaseTree.VeryLongName && e.Kind == ArchiveEntryKind.File);
        Assert.Equal(new FileInfo(tarball).Length, verified.FileBytes);
    }

    private void AssertRefused(string tarball, string why)
    {
        var destination = temp.Combine("dest-" + Guid.NewGuid().ToString("N")[..8]);
        var error = Assert.Throws<ArchiveException>(() => ReleaseArchive.Extract(tarball, destination));
        Assert.Contains(Path.GetFileName(tarball), error.Message);
        Assert.Contains(why, error.Message);
        Assert.False(Directory.Exists(destination), "the destination must not be created");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(temp.Path), p => Path.GetFileName(p).Contains("reltool-unpack"));
        Assert.Throws<ArchiveException>(() => ReleaseArchive.Verify(tarball));
    }
}
