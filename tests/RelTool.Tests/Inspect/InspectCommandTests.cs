using System.Text.Json;
using RelTool.Tests.Archive;

namespace RelTool.Tests.Inspect;

/// <summary>Runs the built `reltool inspect` (copied beside the tests) as a process: exit codes, stdout and stderr.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InspectCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private string Root => temp.Combine("kv");

    public InspectCommandTests() => SampleRelease.Write(Root);

    public void Dispose() => temp.Dispose();

    private static (int ExitCode, string Output) Reltool(params string[] arguments) => Tools.Reltool(arguments);

    [Fact]
    public void A_sound_release_exits_0_and_a_deleted_lib_dir_exits_1_naming_it()
    {
        var (sound, text) = Reltool("inspect", Root);
        Assert.True(sound == 0, text);
        Assert.Contains("release kv 0.1.0 (from releases/start_erl.data)", text);
        Assert.EndsWith("no problems\n", text);

        Directory.Delete(temp.Combine("kv", "lib", "KV.Core-1.2.0"), recursive: true);
        var (broken, brokenText) = Reltool("inspect", Root);
        Assert.Equal(1, broken);
        Assert.Contains("1 problem(s):\n  lib/KV.Core-1.2.0/: missing; releases/0.1.0/kv.rel lists KV.Core 1.2.0\n", brokenText);
        // Everything else that could be read is still printed.
        Assert.Contains("applications (releases/0.1.0/kv.rel):", brokenText);
    }

    [Fact]
    public void Json_goes_to_stdout_as_one_object_with_the_same_exit_code()
    {
        File.Delete(temp.Combine("kv", "lib", "Kv-0.1.0", "Kv.dll"));

        var (exitCode, output) = Reltool("inspect", Root, "--json");

        Assert.Equal(1, exitCode);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal(["releases/0.1.0/start.boot"], json.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("file").GetString()).Distinct());
    }

    [Fact]
    public void An_input_that_cannot_be_read_exits_1_with_the_path_and_what_to_do_and_a_usage_error_exits_2()
    {
        var missing = temp.Combine("missing");
        var (exitCode, output) = Reltool("inspect", missing);
        Assert.Equal(1, exitCode);
        Assert.Equal($"reltool: error: no such file or directory ({missing}); give a release directory (e.g. _build/rel/<name>) or a .tar.gz made by `reltool release`\n", output);

        var (unknownVersion, versionOutput) = Reltool("inspect", Root, "--version", "0.9.0");
        Assert.Equal(1, unknownVersion);
        Assert.Contains("no release 0.9.0", versionOutput);

        Assert.Equal(2, Reltool("inspect").ExitCode);
        Assert.Equal(2, Reltool("inspect", Root, "--no-such-option").ExitCode);
    }

    [Fact]
    public void A_damaged_tarball_exits_1_and_says_why()
    {
        var tarball = temp.Combine("kv.tar.gz");
        RelTool.Formats.Archive.ReleaseArchive.Write(Root, tarball);
        var bytes = File.ReadAllBytes(tarball);
        bytes[bytes.Length / 2] ^= 0xff;
        bytes[bytes.Length / 2 + 1] ^= 0xff;
        File.WriteAllBytes(tarball, bytes);

        var (exitCode, output) = Reltool("inspect", tarball);

        Assert.Equal(1, exitCode);
        Assert.Contains("verification FAILED", output);
        Assert.Matches($@"1 problem\(s\):\n  {System.Text.RegularExpressions.Regex.Escape(tarball)}: .+\n", output);
    }
}
