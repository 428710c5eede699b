using RelTool.Runtime;
using RelTool.Runtime.Servers;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// Runs one suspend → code change → resume on a throwaway server when the node starts, so that the runtime's and
/// the handler's upgrade paths are compiled before the first real upgrade pauses the app's servers.
/// </summary>
public static class CodeChangeWarmUp
{
    public static void Run(Node node)
    {
        var module = typeof(WarmUpServer).Assembly.GetName().Name!;
        var server = node.StartServer(new WarmUpServer());
        try
        {
            node.SuspendAsync(module).GetAwaiter().GetResult();
            server.ChangeCodeAsync(new WarmUpServer(), OldVsn.Up("0"), null).GetAwaiter().GetResult();
            node.ChangeCodeAsync(module, typeof(WarmUpServer).Assembly, OldVsn.Down("0")).GetAwaiter().GetResult();
            node.ResumeAsync(module).GetAwaiter().GetResult();
            server.CallAsync("ping").GetAwaiter().GetResult();
        }
        finally
        {
            server.StopAsync(ExitReason.Shutdown, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult();
            node.Code.Forget(module);
        }
    }

    private sealed class WarmUpServer : Server<Dictionary<string, string>>
    {
        public override Dictionary<string, string> Init(object? args) => new(StringComparer.Ordinal) { ["warm"] = "up" };

        public override CallResult<Dictionary<string, string>> HandleCall(object request, From from, Dictionary<string, string> state) =>
            Reply(request, state);
    }
}
