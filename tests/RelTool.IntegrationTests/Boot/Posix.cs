using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RelTool.IntegrationTests.Boot;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static partial class Posix
{
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);
}
