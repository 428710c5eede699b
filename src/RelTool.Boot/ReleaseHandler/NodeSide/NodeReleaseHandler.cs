using System.Diagnostics;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Boot.Native;
using RelTool.Runtime;
using RelTool.Runtime.Hosting;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// The release handler inside a runtime-hosted node: <c>install VSN</c> over the control socket runs the relup
/// script from the running release to VSN and answers an <see cref="InstallReply"/>. One install at a time. Whether an
/// install is live at all was decided by the client (ClientSide/InstallMethod.cs); a script that restarts the runtime
/// is still refused here (<see cref="InstallReply.NeedsRestart"/>).
/// </summary>
public sealed class NodeReleaseHandler(ReleaseRoot root, Node node, CodeVersions versions, IReadOnlyList<string> appArgs) : IReleaseHandler
{
    private readonly SemaphoreSlim installing = new(1, 1);
    private Task warmedUp = Task.CompletedTask;

    /// <summary>
    /// Runs the upgrade path's warm-up (<see cref="CodeChangeWarmUp"/>) on a thread of its own, at normal priority,
    /// beside the serving app; an install waits for it, so the two never overlap. (Under qemu-user this needs
    /// DOTNET_EnableWriteXorExecute=0, as all JIT work beside running code does: docs/reltool-release.md.)
    /// It says when it is done: from then on an install waits for nothing.
    /// </summary>
    public void WarmUp(Action warmUp) => warmedUp = DedicatedThread.Start("reltool upgrade warm-up", () =>
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            warmUp();
            Console.WriteLine($"[reltool] {node.ReleaseName}: upgrade path warmed up in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        }
        catch (Exception e)
        {
            // Not fatal: the first install's pause then holds JIT work of ours.
            Console.Error.WriteLine($"[reltool] upgrade path warm-up failed: {e.GetBaseException().Message}");
        }
    });

    public Task InstallAsync(Node target, string version, CancellationToken cancel) => Task.Run(() =>
    {
        if (Install(version) is InstallReply.NeedsRestart restart)
            throw new InvalidOperationException($"{version} cannot be installed live ({restart.Why}); install it with bin/{node.ReleaseName} install {version}");
    }, cancel);

    /// <summary>The control command: the report, or why not (and, when needed, a restart into the permanent release).</summary>
    public ControlOutcome HandleInstall(IReadOnlyList<string> args)
    {
        if (args.Count != 1) return new(new InstallReply.Failed("bad-request", $"{InstallReply.Command} VSN").ToControlReply());
        try
        {
            return new(Install(args[0]).ToControlReply());
        }
        catch (InstallFailure failure) when (failure.NeedsRestart)
        {
            var message = $"{failure.Message}; restarting into the permanent release";
            Console.Error.WriteLine($"[reltool] {message}");
            return new(new InstallReply.RestartingIntoPermanent(message).ToControlReply(), () => NodeRestart.IntoPermanent(root, node.ReleaseName, appArgs));
        }
    }

    private InstallReply Install(string version)
    {
        if (!installing.Wait(TimeSpan.Zero)) throw new InvalidOperationException("another install is running");
        try
        {
            var from = node.ReleaseVersion;
            if (version == from) return new InstallReply.Installed([$"already running {version}"]);
            warmedUp.Wait();
            var plan = RelupPlan.Find(root, from, version);
            if (plan.NeedsRestart) return new InstallReply.NeedsRestart($"{plan.Source} restarts the runtime");
            var gcBefore = GcTally.Now();
            var lines = RunScript(plan);
            node.SetReleaseVersion(version);
            Console.WriteLine($"[reltool] {node.ReleaseName}: installed {version} (from {from}{(plan.IsDowngrade ? ", downgrade" : "")})");
            lines.AddRange(versions.UnloadUnusedAsync().GetAwaiter().GetResult());
            // Every collection stops the node's threads for a moment: what the whole install (unloads included) cost them.
            lines.Add("install " + GcTally.Now().Since(gcBefore));
            foreach (var line in lines) Console.WriteLine($"[reltool]   {line}");
            return new InstallReply.Installed(lines);
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
