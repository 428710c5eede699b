using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>Builds releases with the real `reltool release` from a temp copy of a sample, several versions into one output dir.</summary>
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
    private static Dictionary<string, string> Environment => new() { ["RelToolRepoRoot"] = RepoPaths.Root + "/" };

    public void Release(string projectDir)
    {
        var outcome = ReltoolProcess.Run(Path.Combine(Sources, projectDir), Environment, "release", "--output", Output);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
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

    public void Relup(string name, string to, string from, params (string App, string Appup)[] appups)
    {
        foreach (var (app, appup) in appups) File.WriteAllText(Path.Combine(Output, "lib", $"{app}-{to}", $"{app}.appup"), appup);
        var outcome = ReltoolProcess.Run(Output, "relup", $"releases/{to}/{name}.rel", "--from", $"releases/{from}/{name}.rel", "--path", "lib/*");
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
    }

    /// <summary>An upgrade tarball as `reltool release --upgrade` makes it: the new lib dirs and releases/VSN/ only.</summary>
    public string UpgradeTarball(string name, string to, string from, params string[] newLibDirs)
    {
        var staging = Path.Combine(WorkDir, $"upgrade-{to}");
        foreach (var lib in newLibDirs) FileTree.Copy(Path.Combine(Output, "lib", lib), Path.Combine(staging, "lib", lib));
        FileTree.Copy(Path.Combine(Output, "releases", to), Path.Combine(staging, "releases", to), $"{name}.tar.gz");
        var tarball = Path.Combine(WorkDir, $"{name}-from-{from}.tar.gz");
        RelTool.Formats.Archive.ReleaseArchive.Write(staging, tarball);
        return tarball;
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkDir, true); } catch (IOException) { }
    }
}
