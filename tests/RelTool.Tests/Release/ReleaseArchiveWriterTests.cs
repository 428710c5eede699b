using System.Diagnostics;
using System.Security.Cryptography;
using RelTool.Core.Layout;
using RelTool.Formats.Archive;

namespace RelTool.Tests.Release;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseArchiveWriterTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-tar-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Tree(string name)
    {
        var root = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.Combine(root, "lib", "Kv-0.1.0", "de"));
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        File.WriteAllText(Path.Combine(root, "bin", "kv"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(root, "bin", "kv"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(root, "lib", "Kv-0.1.0", "Kv.dll"), "not really");
        File.WriteAllText(Path.Combine(root, "lib", "Kv-0.1.0", "de", "Kv.resources.dll"), "satellite");
        return root;
    }

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Same_tree_gives_the_same_bytes_whenever_and_wherever_it_was_written()
    {
        var a = Tree("a");
        var b = Tree("b");
        File.SetLastWriteTimeUtc(Path.Combine(b, "bin", "kv"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        new ReleaseArchiveWriter().Write(a, Path.Combine(dir, "a.tar.gz"));
        new ReleaseArchiveWriter().Write(b, Path.Combine(dir, "b.tar.gz"));
        Assert.Equal(Sha(Path.Combine(dir, "a.tar.gz")), Sha(Path.Combine(dir, "b.tar.gz")));

        File.WriteAllText(Path.Combine(b, "lib", "Kv-0.1.0", "Kv.dll"), "changed!!!");
        new ReleaseArchiveWriter().Write(b, Path.Combine(dir, "c.tar.gz"));
        Assert.NotEqual(Sha(Path.Combine(dir, "a.tar.gz")), Sha(Path.Combine(dir, "c.tar.gz")));
    }

    [Fact]
    public void A_segment_cache_changes_no_byte_of_the_tarball_cold_warm_or_after_a_change()
    {
        var tree = Tree("c");
        var big = new byte[3 << 20];
        new Random(7).NextBytes(big);
        File.WriteAllBytes(Path.Combine(tree, "lib", "Kv-0.1.0", "Big.dll"), big);
        var cache = ReleaseTarCache.For(Path.Combine(dir, "rel", "kv"))!;
        Assert.Equal(Path.Combine(dir, "rel", ".reltool", "tarcache"), cache);

        void Same(string label)
        {
            new ReleaseArchiveWriter().Write(tree, Path.Combine(dir, "plain.tar.gz"));
            new ReleaseArchiveWriter().Write(tree, Path.Combine(dir, "cached.tar.gz"), new ArchiveOptions { CacheDirectory = cache });
            Assert.True(Sha(Path.Combine(dir, "plain.tar.gz")) == Sha(Path.Combine(dir, "cached.tar.gz")), label);
        }

        Same("cold cache");
        Assert.NotEmpty(Directory.GetFiles(cache, "*.seg"));
        Same("warm cache");
        big[12345] ^= 0xff;
        File.WriteAllBytes(Path.Combine(tree, "lib", "Kv-0.1.0", "Big.dll"), big);
        Same("one file changed");
        new ReleaseArchiveWriter().Write(tree, Path.Combine(dir, "upgrade-plain.tar.gz"), new ArchiveOptions { Exclude = ["/bin"] });
        new ReleaseArchiveWriter().Write(tree, Path.Combine(dir, "upgrade-cached.tar.gz"), new ArchiveOptions { Exclude = ["/bin"], CacheDirectory = cache });
        Assert.Equal(Sha(Path.Combine(dir, "upgrade-plain.tar.gz")), Sha(Path.Combine(dir, "upgrade-cached.tar.gz")));
    }

    [Fact]
    public void The_release_cache_lies_beside_the_output_and_is_skipped_when_it_cannot_be_made()
    {
        Assert.Equal(Path.Combine(dir, ".reltool", "tarcache"), ReleaseTarCache.For(Path.Combine(dir, "kv") + "/"));
        File.WriteAllText(Path.Combine(dir, "file"), "");
        Assert.Null(ReleaseTarCache.For(Path.Combine(dir, "file", "sub", "kv")));
        Assert.Null(ReleaseTarCache.For("/"));
    }

    [Fact]
    public void Gnu_tar_lists_sorted_entries_with_modes_root_owner_and_the_fixed_time()
    {
        var tarball = Path.Combine(dir, "t.tar.gz");
        new ReleaseArchiveWriter().Write(Tree("t"), tarball);
        var listing = Run("tar", "--numeric-owner", "-tvzf", tarball);
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["bin/", "bin/kv", "lib/", "lib/Kv-0.1.0/", "lib/Kv-0.1.0/Kv.dll", "lib/Kv-0.1.0/de/", "lib/Kv-0.1.0/de/Kv.resources.dll"], lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]));
        Assert.StartsWith("-rwxr-xr-x 0/0", lines[1]);
        Assert.All(lines, l => Assert.Contains("1980-01-01 00:00", l));

        var extracted = Path.Combine(dir, "x");
        Directory.CreateDirectory(extracted);
        Run("tar", "-xzf", tarball, "-C", extracted);
        Assert.Equal("satellite", File.ReadAllText(Path.Combine(extracted, "lib", "Kv-0.1.0", "de", "Kv.resources.dll")));
        Assert.True(File.GetUnixFileMode(Path.Combine(extracted, "bin", "kv")).HasFlag(UnixFileMode.UserExecute));
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
