using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Runtime;
using RelTool.Runtime.Hosting;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// The release handler inside a runtime-hosted node: <c>install VSN</c> over the control socket runs the relup
/// script from the running release to VSN. One install at a time.
/// </summary>
public sealed class NodeReleaseHandler(ReleaseRoot root, Node node, CodeVersions versions, IReadOnlyList<string> appArgs) : IReleaseHandler
{
    /// <summary>First reply line when the script restarts the runtime: the client performs the install as a restart.</summary>
    public const string RestartReply = "restart";

    private readonly SemaphoreSlim installing = new(1, 1);

    public Task InstallAsync(Node target, string version, CancellationToken cancel) => Task.Run(() => Install(version), cancel);

    /// <summary>The control command: ok with report lines, or an error (and, when needed, a restart into the permanent release).</summary>
    public ControlOutcome HandleInstall(IReadOnlyList<string> args)
    {
        if (args.Count != 1) return new(ControlReply.Error("bad-request", "install VSN"));
        try
        {
            return new(ControlReply.Success(Install(args[0])));
        }
        catch (InstallFailure failure) when (failure.NeedsRestart)
        {
            var message = $"{failure.Message}; restarting into the permanent release";
            Console.Error.WriteLine($"[reltool] {message}");
            return new(ControlReply.Error("failed", message.ReplaceLineEndings(" ")), () => NodeRestart.IntoPermanent(root, node.ReleaseName, appArgs));
        }
    }

    private IReadOnlyList<string> Install(string version)
    {
        if (!installing.Wait(TimeSpan.Zero)) throw new InvalidOperationException("another install is running");
        try
        {
            var from = node.ReleaseVersion;
            if (version == from) return [$"already running {version}"];
            var plan = RelupPlan.Find(root, from, version);
            if (plan.NeedsRestart) return [RestartReply, $"{plan.Source} restarts the runtime"];
            var lines = RunScript(plan);
            node.SetReleaseVersion(version);
            Console.WriteLine($"[reltool] {node.ReleaseName}: installed {version} (from {from}{(plan.IsDowngrade ? ", downgrade" : "")})");
            lines.AddRange(versions.UnloadUnusedAsync().GetAwaiter().GetResult());
            foreach (var line in lines) Console.WriteLine($"[reltool]   {line}");
            return lines;
        }
        finally
        {
            installing.Release();
        }
    }

    private List<string> RunScript(RelupPlan plan)
    {
        var runner = new RelupRunner(root, node, plan);
        var lines = new List<string> { $"installed {plan.To} from {plan.From}{(plan.IsDowngrade ? " (downgrade)" : "")}" };
        lines.AddRange(runner.Run());
        if (runner.Context is { } context) versions.Track(context);
        return lines;
    }
}
