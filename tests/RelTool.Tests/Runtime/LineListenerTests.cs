using System.Net;
using System.Net.Sockets;
using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

public sealed class LineListenerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Existing_and_new_connections_use_the_handler_code_after_a_code_change()
    {
        var registry = new ServerRegistry();
        var handler = registry.Start(new EchoServerV1(), name: "echo");
        var listener = LineListener.Start(registry, new IPEndPoint(IPAddress.Loopback, 0), "echo");
        try
        {
            using var first = await Client.ConnectAsync(listener.LocalEndPoint);
            Assert.Equal("v1:hello", await first.AskAsync("hello"));

            await handler.SuspendAsync();
            var during = first.AskAsync("queued");
            await handler.ChangeCodeAsync(new EchoServerV2(), OldVsn.Up("1"));
            await handler.ResumeAsync();

            Assert.Equal("v2:QUEUED", await during);
            Assert.Equal("v2:HELLO", await first.AskAsync("hello"));
            using var second = await Client.ConnectAsync(listener.LocalEndPoint);
            Assert.Equal("v2:2", await second.AskAsync("count"));
            await listener.WriteLineAsync(1, "pushed");
            Assert.Equal("pushed", await first.ReadLineAsync());
        }
        finally
        {
            await listener.StopAsync(ExitReason.Shutdown, Wait);
        }
    }

    [Fact]
    public async Task A_close_reply_writes_its_last_line_and_closes()
    {
        var registry = new ServerRegistry();
        registry.Start(new EchoServerV1(), name: "echo");
        var listener = LineListener.Start(registry, new IPEndPoint(IPAddress.Loopback, 0), "echo");
        try
        {
            using var client = await Client.ConnectAsync(listener.LocalEndPoint);

            Assert.Equal("bye", await client.AskAsync("quit"));
            Assert.Null(await client.ReadLineAsync());
            Assert.Equal("v1:0", await WaitForCountAsync(registry));
        }
        finally
        {
            await listener.StopAsync(ExitReason.Shutdown, Wait);
        }
    }

    private static async Task<string> WaitForCountAsync(ServerRegistry registry)
    {
        for (var i = 0; i < 200; i++)
        {
            var count = await registry.CallAsync<string>("echo", new LineReceived(0, "count"), Wait);
            if (count == "v1:0")
            {
                return count;
            }

            await Task.Delay(10);
        }

        return "connection count never went back to 0";
    }

    private sealed class Client(TcpClient tcp) : IDisposable
    {
        private StreamReader? reader;
        private StreamWriter? writer;

        public static async Task<Client> ConnectAsync(IPEndPoint endpoint)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync(endpoint);
            var client = new Client(tcp);
            client.reader = new StreamReader(tcp.GetStream());
            client.writer = new StreamWriter(tcp.GetStream()) { AutoFlush = true, NewLine = "\n" };
            return client;
        }

        public async Task<string?> AskAsync(string line)
        {
            await writer!.WriteLineAsync(line);
            return await ReadLineAsync();
        }

        public Task<string?> ReadLineAsync() => reader!.ReadLineAsync().WaitAsync(Wait);

        public void Dispose() => tcp.Dispose();
    }
}
