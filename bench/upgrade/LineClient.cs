using System.Net.Sockets;
using System.Text;

namespace RelTool.Bench.Upgrade;

/// <summary>One TCP connection to kv: a request line, a reply line (as tests/…/Upgrade/LineClient.cs).</summary>
internal sealed class LineClient : IDisposable
{
    private readonly TcpClient client = new() { NoDelay = true };
    private readonly StreamReader reader;
    private readonly StreamWriter writer;

    public LineClient(int port)
    {
        client.Connect("127.0.0.1", port);
        var stream = client.GetStream();
        reader = new StreamReader(stream, Encoding.UTF8);
        writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    }

    public string Call(string line)
    {
        writer.WriteLine(line);
        return reader.ReadLine() ?? throw new IOException("the server closed the connection");
    }

    /// <summary>Sends all lines, then reads as many replies.</summary>
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
