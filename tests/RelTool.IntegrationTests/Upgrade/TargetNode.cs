using RelTool.IntegrationTests.Boot;
using RelTool.Formats.Archive;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>A release tarball extracted into an empty temp dir, run through bin/&lt;name&gt;; every process started from it is killed on dispose.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TargetNode : IDisposable
{
    private readonly Dictionary<string, string> env;

    public TargetNode(string tarball, string name, string version, Dictionary<string, string> env)
    {
        Root = Directory.CreateTempSubdirectory($"reltool-target-{name}-").FullName;
        ReleaseArchive.Extract(tarball, Root);
        Tree = new ReleaseTree(Root, name, version, Path.Combine(Root, "lib"));
        this.env = env;
    }

    public string Root { get; }
    public ReleaseTree Tree { get; }

    public LauncherResult Run(params string[] args) => LauncherRun.Run(Tree, args, env, timeoutSeconds: 180);

    public LauncherResult Run(IReadOnlyDictionary<string, string> extraEnv, params string[] args) =>
        LauncherRun.Run(Tree, args, env.Concat(extraEnv).ToDictionary(), timeoutSeconds: 180);

    public string Log => File.Exists(Tree.LogFile) ? File.ReadAllText(Tree.LogFile) : "";

    /// <summary>The log once it holds <paramref name="text"/> (or after 10 s): the node's log writer is another process and writes a line a little after the node has answered.</summary>
    public string LogWith(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string log;
        while (!(log = Log).Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        return log;
    }

    public string Versions() => Run("versions").Stdout;

    public void Dispose()
    {
        try { Run("stop", "--timeout", "10"); } catch (TimeoutException) { }
        ProcessTable.KillAllFrom(Root);
        Thread.Sleep(200);
        try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
