using System.Net.Sockets;
using System.Text;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>One TCP connection speaking a line protocol: a request line, a reply line.</summary>
public sealed class LineClient : IDisposable
{
    private readonly TcpClient client;
    private readonly StreamReader reader;
    private readonly StreamWriter writer;

    public LineClient(int port)
    {
        client = new TcpClient();
        client.Connect("127.0.0.1", port);
        client.NoDelay = true;
        var stream = client.GetStream();
        reader = new StreamReader(stream, Encoding.UTF8);
        writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    }

    public string Call(string line)
    {
        writer.WriteLine(line);
        return reader.ReadLine() ?? throw new IOException("the server closed the connection");
    }

    /// <summary>Sends all lines, then reads as many replies (fast seeding).</summary>
    public IReadOnlyList<string> Pipeline(IReadOnlyList<string> lines)
    {
        var sending = Task.Run(() =>
        {
            foreach (var line in lines) writer.Write(line + "\n");
            writer.Flush();
        });
        var replies = new List<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++) replies.Add(reader.ReadLine() ?? throw new IOException("the server closed the connection"));
        sending.GetAwaiter().GetResult();
        return replies;
    }

    public void Dispose() => client.Dispose();
}
