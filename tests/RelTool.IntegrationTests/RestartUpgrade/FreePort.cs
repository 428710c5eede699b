using System.Net;
using System.Net.Sockets;

namespace RelTool.IntegrationTests.RestartUpgrade;

/// <summary>A loopback port nobody listens on right now (the kernel's pick for port 0).</summary>
public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
