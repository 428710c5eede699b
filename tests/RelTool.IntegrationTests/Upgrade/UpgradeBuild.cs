using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// A sample taken through the user's flow in a temp copy: `reltool release`, `git apply` of its version patch,
/// `reltool release --upgrade` into the same output, which writes the appups, the relup and the upgrade tarball.
/// </summary>
public sealed class UpgradeBuild : IDisposable
{
    public UpgradeBuild(string sample)
    {
        Sources = Path.Combine(WorkDir, sample);
        FileTree.Copy(Path.Combine(RepoPaths.Root, "samples", sample), Sources, "_build");
        foreach (var dir in Directory.GetDirectories(Sources, "*", SearchOption.AllDirectories).Where(d => Path.GetFileName(d) is "bin" or "obj").ToList())
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
    }

    public string WorkDir { get; } = Directory.CreateTempSubdirectory("reltool-upgrade-").FullName;
    public string Sources { get; }
    public string Output => Path.Combine(WorkDir, "out");

    /// <summary>The samples find src/RelTool.Runtime through RelToolRepoRoot.</summary>
    private static Dictionary<string, string> Environment => RepoPaths.SampleEnvironment;

    /// <summary>`reltool release [--upgrade] --output OUT [EXTRA...]` in the project dir; returns its stdout.</summary>
    public string Release(string projectDir, bool upgrade = false, params string[] extra)
    {
        string[] args = upgrade ? ["release", "--upgrade", "--output", Output, .. extra] : ["release", "--output", Output, .. extra];
        var outcome = ReltoolProcess.Run(Path.Combine(Sources, projectDir), Environment, args);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return outcome.Stdout;
    }

    /// <summary>`reltool release ARGS... --output OUT` in the project dir, whatever its exit code.</summary>
    public ReltoolProcess.Outcome Run(string projectDir, params string[] args) =>
        ReltoolProcess.Run(Path.Combine(Sources, projectDir), Environment, ["release", .. args, "--output", Output]);

    /// <summary>`reltool ARGS...` (any command) in the project dir, with <paramref name="environment"/> added, whatever its exit code.</summary>
    public ReltoolProcess.Outcome Reltool(string projectDir, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ReltoolProcess.Run(Path.Combine(Sources, projectDir), Environment.Concat(environment).ToDictionary(), args);

    /// <summary>Replaces <paramref name="from"/> (which must be there) by <paramref name="to"/> in a source file.</summary>
    public void Edit(string file, string from, string to)
    {
        var path = Path.Combine(Sources, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    /// <summary>A patch from samples/&lt;name&gt;/patches, applied as the README says (git apply from the repo root, here -p3 from the copy).</summary>
    public void ApplyPatch(string patch)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = Sources, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "apply", "-p3", Path.Combine(Sources, "patches", patch) }) start.ArgumentList.Add(a);
        using var git = System.Diagnostics.Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, error);
    }

    public string FullTarball(string name, string version) => Path.Combine(Output, "releases", version, $"{name}.tar.gz");

    public string UpgradeTarball(string name, string to, string from) => Path.Combine(Output, "releases", to, $"{name}-from-{from}.tar.gz");

    public void Dispose()
    {
        try { Directory.Delete(WorkDir, true); } catch (IOException) { }
    }
}
