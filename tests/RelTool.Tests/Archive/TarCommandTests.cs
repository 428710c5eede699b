using System.Text.Json;
using RelTool.Formats.Archive;

namespace RelTool.Tests.Archive;

/// <summary>Runs the built `reltool` (copied beside the tests) as a process, as a user would.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TarCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static (int ExitCode, string Output) Reltool(params string[] arguments) => Tools.Reltool(arguments);

    [Fact]
    public void Packs_a_directory_and_prints_a_summary()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        var output = temp.Combine("rel.tar.gz");

        var (exitCode, text) = Reltool("tar", temp.Combine("rel"), "-o", output, "--exclude", "*.app", "--cache", temp.Combine("cache"));

        Assert.True(exitCode == 0, text);
        Assert.Contains("entries", text);
        Assert.Contains("cache: 0 of", text);
        var paths = ReleaseArchive.List(output).Select(e => e.Path).ToList();
        Assert.Contains("bin/kv", paths);
        Assert.DoesNotContain("lib/Kv-0.1.0/Kv.app", paths);
    }

    [Fact]
    public void Json_reports_the_counts()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        var output = temp.Combine("rel.tar.gz");

        var (exitCode, text) = Reltool("tar", temp.Combine("rel"), "-o", output, "--json");

        Assert.True(exitCode == 0, text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(ReleaseArchive.List(output).Count, json.RootElement.GetProperty("entries").GetInt32());
        Assert.Equal(new FileInfo(output).Length, json.RootElement.GetProperty("compressedBytes").GetInt64());
    }

    [Fact]
    public void A_missing_directory_exits_1_with_a_message()
    {
        var missing = temp.Combine("missing");

        var (exitCode, text) = Reltool("tar", missing, "-o", temp.Combine("x.tar.gz"));

        Assert.Equal(1, exitCode);
        Assert.Contains($"reltool: error: no such directory ({missing})\n", text);
    }

    [Theory]
    [InlineData("tar")]
    [InlineData("tar", "DIR", "--no-such-option")]
    [InlineData("diff", "only-one")]
    [InlineData("relup")]
    [InlineData("no-such-command")]
    public void A_command_line_that_does_not_parse_exits_2_and_writes_nothing(params string[] arguments)
    {
        var before = Directory.GetFileSystemEntries(temp.Path);

        var (exitCode, text) = Reltool([.. arguments.Select(a => a == "DIR" ? temp.Path : a)]);

        Assert.True(exitCode == 2, text);
        Assert.Equal(before, Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void An_unwritable_output_exits_1_with_a_message()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        var output = temp.Combine("no-such-dir", "x.tar.gz");

        var (exitCode, text) = Reltool("tar", temp.Combine("rel"), "-o", output);

        Assert.Equal(1, exitCode);
        Assert.Contains("does not exist", text);
    }
}
