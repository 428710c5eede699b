using System.Net;
using RelTool.Runtime;

namespace Kv;

/// <summary>
/// The kv application: a supervisor over the store server and the TCP listener. The listener belongs to the runtime
/// and hands every line to the server registered as <see cref="KvStore.Name"/>, so open connections survive upgrades.
/// </summary>
public sealed class KvApplication : IApplication
{
    public IChildProcess Start(Node node, IReadOnlyList<string> args)
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("KV_PORT"), out var p) ? p : 4040;
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        // A restart after an upgrade runs the new code: the child spec keeps the server type's name, not its code.
        var supervisor = Supervisor.StartOneForOne("kv_sup",
        [
            node.ServerChild<KvStore>("store", name: KvStore.Name),
            LineListener.Child("listener", node.Registry, endpoint, KvStore.Name),
        ]);
        Console.WriteLine($"kv {node.ReleaseVersion} listening on {endpoint} (pid {Environment.ProcessId})");
        return supervisor;
    }

    public void Stop(Node node) => Console.WriteLine("kv stopped");
}
