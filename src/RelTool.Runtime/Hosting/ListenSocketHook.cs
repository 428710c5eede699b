using System.Net;
using System.Net.Sockets;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// The launcher's hold on the listening sockets of RelTool.Runtime's listeners (<see cref="Net.LineListener"/>), as it
/// has on Kestrel's: it hands them over to the node of the next release in an overlapped install, so the port is never
/// closed. Without a launcher (tests, `dotnet run`) listeners open their own sockets. Not for app code.
/// </summary>
public static class ListenSocketHook
{
    private static volatile bool acceptingStopped;

    /// <summary>Set by the launcher: a bound socket for the endpoint (one handed over by the previous node, or a new one); the listener calls Listen.</summary>
    public static Func<IPEndPoint, Socket>? Bind { get; set; }

    /// <summary>True once the launcher closed this node's listening sockets for its successor: listeners stop accepting and keep serving their connections.</summary>
    public static bool AcceptingStopped => acceptingStopped;

    /// <summary>Called by the launcher just before it closes the listening sockets.</summary>
    public static void StopAccepting() => acceptingStopped = true;

    /// <summary>The socket for a listener on <paramref name="endpoint"/>: the launcher's, else a new one bound here.</summary>
    internal static Socket BoundSocket(IPEndPoint endpoint)
    {
        if (Bind is { } bind) return bind(endpoint);
        return NewBound(endpoint);
    }

    /// <summary>A TCP socket bound to <paramref name="endpoint"/>, not yet listening (what TcpListener would open).</summary>
    public static Socket NewBound(EndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
