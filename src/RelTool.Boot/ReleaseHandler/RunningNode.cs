using System.Globalization;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// What the node of a release root says about itself (its <c>describe</c> reply), typed: pid, release version, and
/// whether it hosts RelTool.Runtime (a live install is possible). A command asks once and passes it along.
/// </summary>
public sealed record RunningNode(int Pid, string Version, bool HostsRuntime)
{
    /// <summary>The describe line a runtime-hosted node adds (NodeSide/RuntimeNodeHost.cs).</summary>
    public const string HostingRuntimeLine = "hosting runtime";

    private const string PidKey = "pid";
    private const string VersionKey = "version";

    /// <summary>The describe reply a node sends: "key value" lines; application lines repeat.</summary>
    public static List<string> Describe(ReleaseRoot root, RelTool.Formats.Manifests.BootFile boot)
    {
        var lines = new List<string>
        {
            $"name {boot.ReleaseName}",
            $"{VersionKey} {boot.ReleaseVersion}",
            $"runtime {Environment.Version}",
            $"root {root.Dir}",
            $"{PidKey} {Environment.ProcessId}",
            $"entry {boot.EntryApplication}",
        };
        lines.AddRange(boot.Applications.Select(a => $"application {a.Name} {a.Version} {a.Dir}"));
        return lines;
    }

    public static RunningNode? TryQuery(ReleaseRoot root)
    {
        var reply = ControlClient.TrySend(root, NodeCommands.Describe);
        if (reply is null) return null;
        if (!reply.Ok) throw new LauncherException(ExitCodes.Failure, $"the node refused {NodeCommands.Describe}: {reply.ErrorKind} {reply.Message}".TrimEnd());
        return Parse(reply.Lines);
    }

    /// <summary>The describe reply's body ("key value" lines), typed.</summary>
    public static RunningNode Parse(IReadOnlyList<string> lines)
    {
        string? Field(string key) => lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..];
        return new RunningNode(int.Parse(Field(PidKey) ?? "0", CultureInfo.InvariantCulture), Field(VersionKey) ?? "", lines.Contains(HostingRuntimeLine));
    }

    public static RunningNode Require(ReleaseRoot root) =>
        TryQuery(root) ?? throw new LauncherException(ExitCodes.NotRunning, "the node is not running");

    /// <summary>Waits for a node to answer (after a restart); null when none does within <paramref name="timeout"/>.</summary>
    public static RunningNode? WaitFor(ReleaseRoot root, TimeSpan timeout, int? notPid = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (TryQueryQuietly(root) is { } node && node.Pid != notPid) return node;
            Thread.Sleep(200);
        }
        return null;
    }

    /// <summary>The running node, or null when none answers or it cannot be asked (no cookie, refused).</summary>
    public static RunningNode? TryQueryQuietly(ReleaseRoot root)
    {
        try { return TryQuery(root); }
        catch (LauncherException) { return null; }
    }
}
