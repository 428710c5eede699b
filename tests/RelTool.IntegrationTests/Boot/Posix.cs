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

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port nothing listens on, below the kernel's ephemeral range (32768 and up): a port the kernel hands out
    /// (bind to 0) may be the local port of some client's connection a moment later — the tests' request loops open
    /// thousands — and a server then fails to bind it with "address already in use". Never the same port twice per run.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20000, 32768);
            lock (HandedOut)
                if (!HandedOut.Add(port)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    public static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);
}
