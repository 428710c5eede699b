using System.Diagnostics;
using RelTool.Formats.Trust;

namespace RelTool.Tests.Trust;

public sealed class ChecksumFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-sums-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private ChecksumFile Tree(params string[] paths)
    {
        foreach (var path in paths)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
            File.WriteAllText(Path.Combine(dir, path), "content of " + path);
        }
        return new ChecksumFile([.. paths.Select(p => new FileChecksum(p, ChecksumFile.Sha256Of(Path.Combine(dir, p))))]);
    }

    [Fact]
    public void Lines_are_sorted_hash_two_spaces_path_and_read_back()
    {
        var sums = Tree("lib/B-1/B.dll", "bin/app", "lib/A-1/A.dll");
        var text = sums.Format();
        Assert.Equal(["bin/app", "lib/A-1/A.dll", "lib/B-1/B.dll"], text.TrimEnd('\n').Split('\n').Select(l => l[66..]).ToArray());
        Assert.All(text.TrimEnd('\n').Split('\n'), l => Assert.Equal("  ", l[64..66]));
        Assert.Equal(sums.Files.OrderBy(f => f.Path, StringComparer.Ordinal), ChecksumFile.Parse(text, "SHA256SUMS").Files);
    }

    [Fact]
    public void Sha256sum_checks_the_file_including_escaped_names_and_fails_after_a_change()
    {
        var sums = Tree("lib/A-1/A.dll", "etc/back\\slash.txt");
        var list = Path.Combine(dir, "SHA256SUMS");
        File.WriteAllText(list, sums.Format());
        Assert.Equal(0, Sha256sum(list));
        Assert.Equal(sums.Files.OrderBy(f => f.Path, StringComparer.Ordinal), ChecksumFile.Read(list).Files);
        Assert.Empty(sums.Mismatches(dir));

        File.AppendAllText(Path.Combine(dir, "lib/A-1/A.dll"), "!");
        Assert.NotEqual(0, Sha256sum(list));
        Assert.Equal(["lib/A-1/A.dll"], sums.Mismatches(dir).ToArray());
        File.Delete(Path.Combine(dir, "etc/back\\slash.txt"));
        Assert.Equal(2, sums.Mismatches(dir).Length);
    }

    [Fact]
    public void A_line_that_is_not_sha256sum_format_names_the_file_and_line()
    {
        var e = Assert.Throws<TrustException>(() => ChecksumFile.Parse(new string('a', 64) + "  ok\nnot a line\n", "releases/1/SHA256SUMS"));
        Assert.Contains("releases/1/SHA256SUMS:2", e.Message);
    }

    private int Sha256sum(string list)
    {
        using var process = Process.Start(new ProcessStartInfo("sha256sum", ["-c", "--quiet", list])
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
