using System.Net;
using RelTool.Runtime;

namespace Octochat;

/// <summary>
/// The octochat application: a supervisor over the echo handler and the runtime's acceptor. The acceptor owns the TCP
/// connections and hands every line to the server registered as <see cref="EchoHandler.Name"/>, so connected clients
/// stay connected through an upgrade and get the new code's answers.
/// </summary>
public sealed class OctochatApplication : IApplication
{
    public IChildProcess Start(Node node, IReadOnlyList<string> args)
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("OCTOCHAT_PORT"), out var p) ? p : 4050;
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var supervisor = Supervisor.StartOneForOne("octochat_sup",
        [
            node.ServerChild<EchoHandler>("echo", name: EchoHandler.Name),
            LineListener.Child("acceptor", node.Registry, endpoint, EchoHandler.Name),
        ]);
        Console.WriteLine($"octochat {node.ReleaseVersion} listening on {endpoint} (pid {Environment.ProcessId})");
        return supervisor;
    }

    public void Stop(Node node) => Console.WriteLine("octochat stopped");
}
