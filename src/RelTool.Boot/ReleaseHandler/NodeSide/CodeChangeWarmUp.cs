using RelTool.Runtime;
using RelTool.Runtime.Hosting;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// Compiles the handler's and the runtime's upgrade path and runs one suspend → code change → resume on a throwaway
/// server when the node starts, so that the first real upgrade's pause holds no JIT work of ours.
/// </summary>
public static class CodeChangeWarmUp
{
    public static void Run(Node node)
    {
        CodeWarmUp.PrepareTypes(UpgradePath);
        var module = typeof(WarmUpServer).Assembly.GetName().Name!;
        var server = node.StartServer(new WarmUpServer());
        try
        {
            node.SuspendAsync(module).GetAwaiter().GetResult();
            server.ChangeCodeAsync(new WarmUpServer(), OldVsn.Up("0"), null).GetAwaiter().GetResult();
            node.ChangeCodeAsync(module, typeof(WarmUpServer).Assembly, OldVsn.Down("0")).GetAwaiter().GetResult();
            node.ResumeAsync(module).GetAwaiter().GetResult();
            // The held path (RelupRunner.TryRunHeld): one server suspended, changed and resumed by its own worker.
            node.RunSuspendedAsync(server, held => held.ChangeCode(typeof(WarmUpServer).Assembly, OldVsn.Up("0"), null)).GetAwaiter().GetResult();
            server.CallAsync<string>("ping").GetAwaiter().GetResult();
        }
        finally
        {
            server.StopAsync(ExitReason.Shutdown, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
            node.Code.Forget(module);
        }
    }

    /// <summary>The handler's and the runtime's types that run while servers are suspended.</summary>
    private static IEnumerable<Type> UpgradePath =>
        typeof(Node).Assembly.GetTypes()
            .Where(t => t.DeclaringType is null && t.Namespace is "RelTool.Runtime" or "RelTool.Runtime.Hosting")
            .Concat([typeof(Node), typeof(RelupRunner), typeof(PauseSteps), typeof(NodeReleaseHandler), typeof(CodeVersions)]);

    private sealed class WarmUpServer : Server<Dictionary<string, string>>
    {
        public override Dictionary<string, string> Init(object? args) => new(StringComparer.Ordinal) { ["warm"] = "up" };

        public override CallResult<Dictionary<string, string>> HandleCall(object request, From from, Dictionary<string, string> state) =>
            Reply(request, state);
    }
}
