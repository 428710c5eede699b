using System.Net;
using RelTool.Runtime;

namespace MyService;

/// <summary>
/// The application: a supervisor over the counter server and a TCP listener on 127.0.0.1:$PORT (default 4000). The
/// listener belongs to the runtime and hands every line to the server named <see cref="Counter.Name"/>, so open
/// connections stay open while the code is upgraded.
/// </summary>
public sealed class MyServiceApplication : IApplication
{
    public const int DefaultPort = 4000;

    public IChildProcess Start(Node node, IReadOnlyList<string> args)
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var p) ? p : DefaultPort;
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        // A restart after an upgrade runs the new code: the child spec keeps the server type's name, not its code.
        var supervisor = Supervisor.StartOneForOne("myservice_sup",
        [
            node.ServerChild<Counter>("counter", name: Counter.Name),
            LineListener.Child("listener", node.Registry, endpoint, Counter.Name),
        ]);
        Console.WriteLine($"myservice {node.ReleaseVersion} listening on {endpoint} (pid {Environment.ProcessId})");
        return supervisor;
    }

    public void Stop(Node node) => Console.WriteLine("myservice stopped");
}
