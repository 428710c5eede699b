using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using RelTool.Boot.Control;
using RelTool.Tests.Archive;

namespace RelTool.Tests.Boot;

/// <summary>
/// The control client against a listener of the test's own: the request it writes, the replies it reads (a long one
/// too), and what it says when nobody listens, when the node never answers, and when it closes without a word.
/// </summary>
[UnsupportedOSPlatform("windows")] // as the launcher (src/RelTool.Boot/Properties.cs)
public sealed class ControlClientTests : IDisposable
{
    private readonly TempDirectory dir = new();

    private string SocketPath => dir.Combine("c.sock");

    public void Dispose() => dir.Dispose();

    /// <summary>A listener that accepts one connection, hands the request it read (to the client's end) to
    /// <paramref name="answer"/> and writes back what it returns (null: never answer, keep the connection open).</summary>
    private Task<string> Serve(Func<string, string?> answer)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        listener.Listen();
        return Task.Run(async () =>
        {
            using var _ = listener;
            using var connection = await listener.AcceptAsync();
            var request = new MemoryStream();
            var buffer = new byte[1024];
            int read;
            while ((read = await connection.ReceiveAsync(buffer)) > 0) request.Write(buffer, 0, read);
            var text = Encoding.UTF8.GetString(request.ToArray());
            var reply = answer(text);
            if (reply is null)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                return text;
            }
            await connection.SendAsync(Encoding.UTF8.GetBytes(reply));
            connection.Shutdown(SocketShutdown.Both);
            return text;
        });
    }

    [Fact]
    public async Task It_sends_the_cookie_and_the_command_and_reads_the_reply()
    {
        var served = Serve(_ => "ok\npong\n");
        var reply = ControlClient.TrySend(SocketPath, "secret", "ping", ["a b"]);
        Assert.NotNull(reply);
        Assert.True(reply.Ok);
        Assert.Equal(["pong"], reply.Lines);
        Assert.Equal("reltool-control/1 secret\nping a%20b\n", await served);
    }

    [Fact]
    public async Task A_reply_longer_than_one_read_arrives_whole()
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"line {i}").ToArray();
        var served = Serve(_ => "ok\n" + string.Join("", lines.Select(l => l + "\n")));
        var reply = ControlClient.TrySend(SocketPath, "secret", "describe", []);
        Assert.Equal(lines, reply!.Lines);
        await served;
    }

    [Fact]
    public async Task An_error_reply_keeps_its_kind_and_message()
    {
        var served = Serve(_ => "error busy an install runs\n");
        var reply = ControlClient.TrySend(SocketPath, "secret", "install", ["1.0.1"]);
        Assert.False(reply!.Ok);
        Assert.Equal(("busy", "an install runs"), (reply.ErrorKind, reply.Message));
        await served;
    }

    [Fact]
    public void Nobody_answers_when_there_is_no_socket_or_nobody_listens_on_it()
    {
        Assert.Null(ControlClient.TrySend(SocketPath, "secret", "ping", []));
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(SocketPath)); // the socket's file exists, nobody listens on it
        Assert.True(File.Exists(SocketPath));
        Assert.Null(ControlClient.TrySend(SocketPath, "secret", "ping", []));
    }

    [Fact]
    public async Task A_node_that_never_answers_gives_a_timeout_error_once_the_time_is_up()
    {
        var served = Serve(_ => null);
        var clock = Stopwatch.StartNew();
        var reply = ControlClient.TrySend(SocketPath, "secret", "ping", [], TimeSpan.FromMilliseconds(300));
        Assert.Equal("timeout", reply!.ErrorKind);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.StartsWith("reltool-control/1 secret", await served);
    }

    [Fact]
    public async Task A_node_that_closes_without_answering_gives_a_bad_reply()
    {
        var served = Serve(_ => "");
        var reply = ControlClient.TrySend(SocketPath, "secret", "ping", []);
        Assert.Equal("bad-reply", reply!.ErrorKind);
        await served;
    }

    [Fact]
    public void A_socket_path_longer_than_sockaddr_un_holds_is_named_in_the_reply()
    {
        var path = dir.Combine(new string('s', 120) + ".sock");
        var reply = ControlClient.TrySend(path, "secret", "ping", []);
        Assert.Equal("bad-reply", reply!.ErrorKind);
        Assert.Contains($"the socket path {path} is longer than 107 bytes", reply.Message);
    }
}
