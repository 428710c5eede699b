using System.Net;
using RelTool.Runtime;
using RelTool.Runtime.Applications;
using RelTool.Runtime.Net;
using RelTool.Runtime.Supervision;

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
        // Child specs name the server's type rather than hold its code: a restart after an upgrade runs the new code.
        var supervisor = Supervisor.StartOneForOne("myservice_sup",
        [
            node.ServerChild("counter", typeof(Counter).Assembly.GetName().Name!, typeof(Counter).FullName!, name: Counter.Name),
            LineListener.Child("listener", node.Registry, endpoint, Counter.Name),
        ]);
        Console.WriteLine($"myservice {node.ReleaseVersion} listening on {endpoint} (pid {Environment.ProcessId})");
        return supervisor;
    }

    public void Stop(Node node) => Console.WriteLine("myservice stopped");
}
