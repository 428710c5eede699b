using System.Formats.Tar;
using System.IO.Compression;
using RelTool.Core.Releases;
using RelTool.Formats.Archive;

namespace RelTool.Tests.Archive;

/// <summary>
/// Issue 15, findings 3, 4 and 8: every tarball is read through the checked reader — `reltool diff` too — which
/// verifies tar header checksums, caps what a tarball may expand to, and moves whole directories into place.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UntrustedArchiveTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static byte[] Gzip(byte[] tar)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(tar);
        return compressed.ToArray();
    }

    private static byte[] UstarWithOneFile(string name, byte[] content)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = (UnixFileMode)0b110_100_100 });
        return tar.ToArray();
    }

    private string ReleaseTarball()
    {
        var source = temp.Combine("rel");
        if (!Directory.Exists(source)) ReleaseTree.Create(source);
        var tarball = temp.Combine("rel.tar.gz");
        ReleaseArchive.Write(source, tarball, new ArchiveOptions { Timestamp = ArchiveTimestamp.Default, ChunkSize = 64 << 10 });
        return tarball;
    }

    [Fact]
    public void A_tar_header_whose_checksum_fails_is_refused_as_gnu_tar_refuses_it()
    {
        var tar = UstarWithOneFile("a.txt", [1, 2, 3]);
        tar[0] = (byte)'b'; // the name changes, the stored checksum does not
        var tarball = temp.Combine("forged.tar.gz");
        File.WriteAllBytes(tarball, Gzip(tar));
        Assert.NotEqual(0, Tools.Run("tar", "-tzf", tarball).ExitCode);

        var e = Assert.Throws<ArchiveException>(() => ReleaseArchive.Extract(tarball, temp.Combine("x")));
        Assert.Contains("checksum", e.Message);
        Assert.False(Directory.Exists(temp.Combine("x")));
    }

    [Fact]
    public void Our_tarballs_and_gnu_tars_pass_the_header_checks()
    {
        Assert.True(ReleaseArchive.Verify(ReleaseTarball()).Entries > 0);
        var gnu = temp.Combine("gnu.tar.gz");
        Assert.Equal(0, Tools.Run("tar", "--format=gnu", "-czf", gnu, "-C", temp.Combine("rel"), ".").ExitCode);
        Assert.True(ReleaseArchive.Verify(gnu).Entries > 0);
        var pax = temp.Combine("pax.tar.gz");
        Assert.Equal(0, Tools.Run("tar", "--format=pax", "-czf", pax, "-C", temp.Combine("rel"), ".").ExitCode);
        Assert.True(ReleaseArchive.Verify(pax).Entries > 0);
    }

    [Fact]
    public void A_gzip_bomb_is_refused_at_the_cap_with_a_message_that_says_how_to_raise_it()
    {
        // 600 MiB of zeros compress to ~600 KiB: far beyond 100 times the file's size and the 512 MiB floor.
        var tarball = temp.Combine("bomb.tar.gz");
        using (var gzip = new GZipStream(File.Create(tarball), CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "zeros") { DataStream = new ZeroStream(600L << 20) });

        var e = Assert.Throws<ArchiveException>(() => ReleaseArchive.Extract(tarball, temp.Combine("x")));
        Assert.Contains("expands to more than", e.Message);
        Assert.Contains(ExpansionLimit.Variable + "=", e.Message);
        Assert.False(Directory.Exists(temp.Combine("x")));
    }

    [Fact]
    public void The_cap_is_configurable() =>
        Assert.Equal([3L << 30, 4096L, 5L << 20, null], new[] { "3G", "4096", "5m", "lots" }.Select(ExpansionLimit.Parse));

    [Fact]
    public void A_damaged_gzip_crc_is_said_to_be_one()
    {
        var bytes = Gzip(UstarWithOneFile("a.txt", [1, 2, 3]).Concat(new byte[1024]).ToArray());
        bytes[^8] ^= 0xFF; // the CRC32 of the trailer
        var tarball = temp.Combine("crc.tar.gz");
        File.WriteAllBytes(tarball, bytes);

        var e = Assert.Throws<ArchiveException>(() => ReleaseArchive.Verify(tarball));
        Assert.Contains("CRC", e.Message);
        Assert.DoesNotContain("unsupported compression method", e.Message);
    }

    [Theory]
    [InlineData("crc")]
    [InlineData("cut-trailer")]
    [InlineData("fifo")]
    [InlineData("link-out")]
    [InlineData("forged-header")]
    public void Diff_refuses_a_tarball_that_inspect_refuses(string damage)
    {
        var tarball = temp.Combine($"{damage}.tar.gz");
        switch (damage)
        {
            case "crc":
            case "cut-trailer":
                var bytes = File.ReadAllBytes(ReleaseTarball());
                if (damage == "crc") bytes[^8] ^= 0xFF;
                File.WriteAllBytes(tarball, damage == "crc" ? bytes : bytes[..^4]);
                break;
            case "fifo":
                MaliciousTarball.Write(tarball, MaliciousTarball.File("releases/0.1.0/kv.rel"), MaliciousTarball.Of(TarEntryType.Fifo, "lib/fifo"));
                break;
            case "link-out":
                MaliciousTarball.Write(tarball, MaliciousTarball.Symlink("lib/Kv-0.1.0", "../../../etc"));
                break;
            case "forged-header":
                var tar = UstarWithOneFile("releases/start_erl.data", "10.0.0 0.1.0"u8.ToArray());
                tar[0] = (byte)'x';
                File.WriteAllBytes(tarball, Gzip(tar));
                break;
        }
        Assert.Throws<ArchiveException>(() => ReleaseArchive.Verify(tarball));
        var before = Directory.GetDirectories(Path.GetTempPath(), "reltool-diff-*").Length;

        var e = Assert.Throws<ReleaseReadException>(() => RelTool.Core.Releases.ReleaseTarball.Extract(tarball).Dispose());
        Assert.Contains(tarball, e.Message);
        Assert.True(Directory.GetDirectories(Path.GetTempPath(), "reltool-diff-*").Length <= before, "diff left its temp folder");
    }

    [Fact]
    public void A_whole_directory_replaces_a_partial_one_and_is_never_merged_into_it()
    {
        var tarball = ReleaseTarball();
        var destination = temp.Combine("opt");
        Directory.CreateDirectory(Path.Combine(destination, "lib/Kv-0.1.0"));
        // What a kill at the third rename of a per-file unpack left: the manifest only, plus a stray file.
        File.Copy(temp.Combine("rel/lib/Kv-0.1.0/Kv.app"), Path.Combine(destination, "lib/Kv-0.1.0/Kv.app"));
        File.WriteAllText(Path.Combine(destination, "lib/Kv-0.1.0/stray.txt"), "left by a killed run");
        Directory.CreateDirectory(Path.Combine(destination, ".reltool-unpack-999999999-0123"));

        ReleaseArchive.Extract(tarball, destination, new ExtractOptions
        {
            OnlyUnder = ["lib/Kv-0.1.0"], WholeDirectories = ["lib/Kv-0.1.0"], SkipIdentical = true,
        });

        Assert.Equal(Tools.Describe(temp.Combine("rel/lib/Kv-0.1.0")), Tools.Describe(Path.Combine(destination, "lib/Kv-0.1.0")));
        Assert.Equal(["lib"], Directory.GetFileSystemEntries(destination).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../bin")]
    [InlineData("Other-2.0.0")]
    public void A_whole_directory_that_the_tarball_makes_a_symlink_is_refused(string target)
    {
        var tarball = temp.Combine("linked-lib.tar.gz");
        MaliciousTarball.Write(tarball, MaliciousTarball.Directory("bin"), MaliciousTarball.File("bin/kv"), MaliciousTarball.Symlink("lib/Kv-0.2.0", target));
        var destination = temp.Combine("opt");
        Directory.CreateDirectory(destination);

        var e = Assert.Throws<ArchiveException>(() => ReleaseArchive.Extract(tarball, destination, new ExtractOptions
        {
            OnlyUnder = ["lib/Kv-0.2.0"], WholeDirectories = ["lib/Kv-0.2.0"],
        }));
        Assert.Contains("must be a directory", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(destination));
    }

    /// <summary>Reads as <paramref name="length"/> zero bytes without holding them (seekable, as TarWriter wants over gzip).</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, n);
            position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
