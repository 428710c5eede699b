using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace RelTool.Boot.Control;

/// <summary>Serves a node's control socket: checks each request's cookie, runs the command, answers, closes.</summary>
public sealed class ControlServer : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket listener;
    private readonly byte[] cookie;
    private readonly ControlCommandTable commands;
    private readonly CancellationTokenSource stopping = new();

    private ControlServer(Socket listener, string cookie, ControlCommandTable commands)
    {
        this.listener = listener;
        this.cookie = Encoding.UTF8.GetBytes(cookie);
        this.commands = commands;
    }

    public string SocketPath { get; private init; } = "";

    /// <summary>Binds the socket (0600) and starts accepting. A stale socket file nobody listens on is replaced.</summary>
    public static ControlServer Start(string socketPath, string cookie, ControlCommandTable commands)
    {
        if (File.Exists(socketPath))
        {
            if (ControlClient.TrySend(socketPath, cookie, NodeCommands.Ping, [], TimeSpan.FromSeconds(2)) is not null)
                throw new LauncherException(ExitCodes.AlreadyRunning, $"a node already listens on {socketPath}");
            File.Delete(socketPath);
        }
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            File.SetUnixFileMode(socketPath, ControlEndpoint.SocketMode);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        var server = new ControlServer(listener, cookie, commands) { SocketPath = socketPath };
        _ = Task.Run(server.AcceptLoopAsync);
        return server;
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await listener.AcceptAsync(stopping.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(RequestTimeout);
        Action? afterReply = null;
        try
        {
            await using (var stream = new NetworkStream(connection, ownsSocket: true))
            {
                var outcome = await ReadAndHandleAsync(stream, timeout.Token);
                afterReply = outcome.AfterReply;
                // A long command (install) may use up the request's time: the reply gets its own.
                using var replyTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                replyTimeout.CancelAfter(RequestTimeout);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(ControlProtocol.FormatReply(outcome.Reply)), replyTimeout.Token);
                // Closing with unread request bytes would reset the connection and lose the reply: drain first.
                connection.Shutdown(SocketShutdown.Send);
                var drain = new byte[4096];
                while (await stream.ReadAsync(drain, replyTimeout.Token) > 0) { }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            connection.Dispose();
        }
        // Runs even when the client went away: a node that must restart (stop, failed install) still does.
        afterReply?.Invoke();
    }

    private async Task<ControlOutcome> ReadAndHandleAsync(Stream stream, CancellationToken cancel)
    {
        var hello = await ControlProtocol.ReadLineAsync(stream, cancel);
        var prefix = ControlProtocol.Greeting + " ";
        if (hello is null || !hello.StartsWith(prefix, StringComparison.Ordinal))
            return new(ControlReply.Error("bad-request", $"expected \"{ControlProtocol.Greeting} COOKIE\""));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hello[prefix.Length..]), cookie))
            return new(ControlReply.Error("denied", "wrong cookie"));
        var line = await ControlProtocol.ReadLineAsync(stream, cancel);
        if (line is null) return new(ControlReply.Error("bad-request", "missing command line"));
        var (command, args) = ControlProtocol.ParseCommandLine(line);
        return commands.Handle(command, args);
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Dispose();
    }
}
