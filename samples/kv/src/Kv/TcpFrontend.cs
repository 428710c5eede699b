using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kv;

/// <summary>Accepts TCP connections and passes each request line to the server, writing back its response line.</summary>
public sealed class TcpFrontend(KvServer server, IPEndPoint endpoint)
{
    public async Task RunAsync(CancellationToken stop)
    {
        using var listener = new TcpListener(endpoint);
        listener.Start();
        Console.WriteLine($"kv listening on {listener.LocalEndpoint}");
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop);
                connections.Add(ServeAsync(client, stop));
                connections.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
            while (await reader.ReadLineAsync(stop) is { } line)
                await writer.WriteLineAsync(await server.CallAsync(line.TrimEnd('\r')));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
        }
    }
}
