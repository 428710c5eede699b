using System.Globalization;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>What the node of a release root says about itself (its describe reply): pid, release version, hosting.</summary>
public sealed record RunningNode(int Pid, string Version, bool HostsRuntime)
{
    public static RunningNode? TryQuery(ReleaseRoot root)
    {
        var reply = ControlClient.TrySend(root, "describe");
        if (reply is null) return null;
        if (!reply.Ok) throw new LauncherException(ExitCodes.Failure, $"the node refused describe: {reply.ErrorKind} {reply.Message}".TrimEnd());
        string? Field(string key) => reply.Lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..];
        return new RunningNode(int.Parse(Field("pid") ?? "0", CultureInfo.InvariantCulture), Field("version") ?? "", reply.Lines.Contains("hosting runtime"));
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

    private static RunningNode? TryQueryQuietly(ReleaseRoot root)
    {
        try { return TryQuery(root); }
        catch (LauncherException) { return null; }
    }
}
