using System.Net.Sockets;
using System.Text;

namespace RelTool.Runtime;

/// <summary>One client of a <see cref="LineListener"/>: UTF-8 lines in, lines out, writes serialized.</summary>
internal sealed class LineConnection(long id, TcpClient client) : IDisposable
{
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly NetworkStream stream = client.GetStream();

    public long Id { get; } = id;

    public string Remote { get; } = client.Client.RemoteEndPoint?.ToString() ?? "?";

    public StreamReader OpenReader() => new(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);

    public async Task WriteLineAsync(string line, CancellationToken cancel)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await writeLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(bytes, cancel).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    public void Dispose()
    {
        client.Dispose();
        writeLock.Dispose();
    }
}
