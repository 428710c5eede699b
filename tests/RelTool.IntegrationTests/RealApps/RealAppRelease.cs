using System.Diagnostics;
using System.Text.Json;
using RelTool.Formats.Manifests;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>
/// One app of RealApps/Apps/ copied into a temp folder, given rel/config.yaml by `reltool init`, released by
/// `reltool release` (prod: Release, runtime bundled) and installed by extracting its tarball into an empty folder.
/// Disposing kills whatever still runs from the folder and deletes it.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class RealAppRelease : IDisposable
{
    private static readonly string AppsDir = Path.Combine(RepoPaths.Root, "tests", "RelTool.IntegrationTests", "RealApps", "Apps");

    public string WorkDir { get; } = Directory.CreateTempSubdirectory("reltool-realapp-").FullName;

    /// <summary>The app's sources: a copy of Apps/&lt;app&gt;/ beside Apps/Directory.*.props.</summary>
    public string SourceDir => Path.Combine(WorkDir, "src");

    public string ProjectDir { get; }

    /// <summary>The extracted tarball.</summary>
    public ReleaseTree Tree { get; }

    /// <summary>`reltool release --json` as the tool printed it.</summary>
    public JsonElement Json { get; }

    /// <param name="app">the folder under Apps/</param>
    /// <param name="project">the entry project's folder inside it</param>
    protected RealAppRelease(string app, string project)
    {
        try
        {
            foreach (var props in Directory.GetFiles(AppsDir, "Directory.*.props")) Copy(props, Path.Combine(SourceDir, Path.GetFileName(props)));
            FileTree.Copy(Path.Combine(AppsDir, app), SourceDir);
            ProjectDir = Path.Combine(SourceDir, project);

            var init = ReltoolProcess.Run(ProjectDir, "init");
            if (init.ExitCode != 0) throw new InvalidOperationException($"reltool init failed: {init}");
            var release = ReltoolProcess.Run(ProjectDir, "release", "--json");
            if (release.ExitCode != 0) throw new InvalidOperationException($"reltool release failed: {release}");
            Json = JsonDocument.Parse(release.Stdout).RootElement.Clone();

            var name = Json.GetProperty("name").GetString()!;
            var version = Json.GetProperty("version").GetString()!;
            var root = Path.Combine(WorkDir, "installed");
            Directory.CreateDirectory(root);
            Tar(root, "-xzf", Json.GetProperty("tarball").GetProperty("path").GetString()!);
            var boot = BootFile.Read(Path.Combine(root, "releases", version, "start.boot"));
            Tree = new ReleaseTree(root, name, version, Path.GetDirectoryName(Path.Combine(root, boot.EntryAssemblyPath))!);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LauncherResult Run(params string[] args) => LauncherRun.Run(Tree, args);

    public LauncherResult Run(IReadOnlyDictionary<string, string> env, params string[] args) => LauncherRun.Run(Tree, args, env);

    /// <summary>The lib dir of the application named <paramref name="name"/>, from the release's --json output.</summary>
    public string LibDir(string name) => Path.Combine(Tree.Root,
        Json.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("name").GetString() == name).GetProperty("dir").GetString()!);

    /// <summary>Live processes started from the installed release.</summary>
    public IReadOnlyList<int> Processes => ProcessTable.StartedFrom(Tree.Root);

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }

    private static void Tar(string workingDirectory, params string[] args)
    {
        using var tar = Process.Start(new ProcessStartInfo("tar", args) { WorkingDirectory = workingDirectory, UseShellExecute = false })!;
        tar.WaitForExit();
        if (tar.ExitCode != 0) throw new InvalidOperationException($"tar {string.Join(' ', args)} failed with {tar.ExitCode}");
    }

    public void Dispose()
    {
        ProcessTable.KillAllFrom(WorkDir);
        try { Directory.Delete(WorkDir, recursive: true); } catch (IOException) { }
    }
}
