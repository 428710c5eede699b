using System.Text.Json;

namespace RelTool.IntegrationTests.Release;

/// <summary>`reltool inspect` on a release that `reltool release` really built (one build, 5–20 s), its directory and its tarball.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class InspectCommandTests : IDisposable
{
    private readonly SampleSolution sample = new();

    public void Dispose() => sample.Dispose();

    private static ReltoolProcess.Outcome Inspect(params string[] args) => ReltoolProcess.Run(Path.GetTempPath(), ["inspect", .. args]);

    [Fact]
    public void A_fresh_release_and_its_tarball_inspect_clean_agree_with_what_release_reported_and_a_deleted_lib_dir_fails()
    {
        var root = Path.Combine(sample.Root, "out", "kv");
        var release = ReltoolProcess.Run(sample.AppDirectory, "release", "--output", root, "--json");
        Assert.True(release.ExitCode == 0, release.ToString());
        var built = JsonDocument.Parse(release.Stdout).RootElement;
        var runtime = built.GetProperty("runtimeVersion").GetString()!;
        var tarball = built.GetProperty("tarball").GetProperty("path").GetString()!;

        var text = Inspect(root);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith($"release kv 0.1.0 (from releases/start_erl.data)\n  directory {root}\n  runtime {runtime}, bundled: Microsoft.NETCore.App {runtime}; hostfxr ", text.Stdout);
        Assert.Contains($"releases/RELEASES:\n  kv 0.1.0  permanent  runtime {runtime}\n", text.Stdout);
        Assert.Contains("relup: none\nsbom (releases/0.1.0/kv.cdx.json): CycloneDX, ", text.Stdout);
        Assert.EndsWith("file(s), all match\nsignature: unsigned\ntrusted keys: none (unpack accepts unsigned tarballs)\nno problems\n", text.Stdout);
        Assert.Equal("", text.Stderr);

        var json = Inspect(tarball, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var inspected = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(("tarball", true, "kv", "0.1.0", runtime),
            (inspected.GetProperty("kind").GetString(), inspected.GetProperty("ok").GetBoolean(), inspected.GetProperty("name").GetString(),
             inspected.GetProperty("version").GetString(), inspected.GetProperty("runtimeVersion").GetString()));
        Assert.True(inspected.GetProperty("runtime").GetProperty("bundled").GetBoolean());
        var facts = inspected.GetProperty("tarball");
        Assert.Equal(built.GetProperty("tarball").GetProperty("sha256").GetString(), facts.GetProperty("sha256").GetString());
        Assert.Equal(built.GetProperty("tarball").GetProperty("bytes").GetInt64(), facts.GetProperty("bytes").GetInt64());
        Assert.True(facts.GetProperty("verified").GetBoolean());
        Assert.Equal(
            Shell("tar", "-tzf", tarball).Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(e => e != "./"),
            facts.GetProperty("entries").GetInt32());
        // The applications `release` laid out, with the same file counts and sizes, read from the tarball's stream.
        Assert.Equal(
            built.GetProperty("applications").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()} {a.GetProperty("version").GetString()} {a.GetProperty("files").GetInt32()} {a.GetProperty("bytes").GetInt64()}").Order(StringComparer.Ordinal),
            inspected.GetProperty("applications").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()} {a.GetProperty("version").GetString()} {a.GetProperty("files").GetInt32()} {a.GetProperty("bytes").GetInt64()}").Order(StringComparer.Ordinal));
        Assert.All(inspected.GetProperty("applications").EnumerateArray(), a => Assert.True(a.GetProperty("modules").GetInt32() >= 1, a.ToString()));

        Directory.Delete(Path.Combine(root, "lib", "Newtonsoft.Json-13.0.3"), recursive: true);
        var broken = Inspect(root);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("  Newtonsoft.Json  13.0.3  missing\n", broken.Stdout);
        Assert.Contains("problem(s):\n  lib/Newtonsoft.Json-13.0.3/: missing; releases/0.1.0/kv.rel lists Newtonsoft.Json 13.0.3\n", broken.Stdout);
        // SHA256SUMS names each file that went with it.
        Assert.Contains("  lib/Newtonsoft.Json-13.0.3/Newtonsoft.Json.dll: missing or changed: its SHA-256 differs from releases/0.1.0/SHA256SUMS\n", broken.Stdout);

        var damaged = Path.Combine(sample.Root, "damaged.tar.gz");
        var bytes = File.ReadAllBytes(tarball);
        File.WriteAllBytes(damaged, bytes[..(bytes.Length / 2)]);
        var truncated = Inspect(damaged);
        Assert.Equal(1, truncated.ExitCode);
        Assert.Contains("verification FAILED", truncated.Stdout);
        Assert.Matches($@"1 problem\(s\):\n  {System.Text.RegularExpressions.Regex.Escape(damaged)}: truncated .+\n$", truncated.Stdout);
    }

    private static string Shell(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
