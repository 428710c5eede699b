using System.Net.Sockets;
using System.Text;

namespace RelTool.IntegrationTests.Boot;

/// <summary>Talks to a node's control socket byte for byte, as another program would (docs/launcher.md).</summary>
public static class RawControl
{
    public static string SocketPath(ReleaseTree tree) => File.ReadAllText(Path.Combine(tree.TmpDir, "control.path")).Trim();

    public static string Send(string socketPath, string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 10_000 };
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var stream = new NetworkStream(socket);
        stream.Write(Encoding.UTF8.GetBytes(request));
        socket.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
