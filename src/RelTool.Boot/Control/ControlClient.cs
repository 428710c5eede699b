using System.Net.Sockets;
using System.Text;
using RelTool.Boot.Layout;
using RelTool.Boot.Native;

namespace RelTool.Boot.Control;

/// <summary>Sends one request to a node's control socket.</summary>
public static class ControlClient
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Error kind of a reply made here when the cookie cannot be read: the node may run, nobody can ask it.</summary>
    public const string CookieProblem = "no-cookie";

    /// <summary>The node's reply; null when no node answers (no socket, nobody listening); an error of kind
    /// <see cref="CookieProblem"/> when the cookie cannot be read although it exists or a node listens.</summary>
    public static ControlReply? TrySend(ReleaseRoot root, string command, params string[] args)
    {
        var socketPath = ControlEndpoint.Locate(root);
        var cookie = Cookie.TryRead(root);
        if (cookie is null)
            return File.Exists(root.CookiePath) || socketPath is not null && Listens(socketPath)
                ? ControlReply.Error(CookieProblem, Cookie.Problem(root) ?? $"{root.CookiePath} cannot be read")
                : null;
        if (socketPath is null) return null;
        return TrySend(socketPath, cookie, command, args);
    }

    private static bool Listens(string socketPath)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException) { return false; }
    }

    public static ControlReply? TrySend(string socketPath, string cookie, string command, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        if (!ControlEndpoint.Fits(socketPath))
            return ControlReply.Error("bad-reply", $"the socket path {socketPath} is longer than {UnixStream.MaxPathBytes} bytes");
        var request = Encoding.UTF8.GetBytes(ControlProtocol.FormatRequest(cookie, command, args));
        return OperatingSystem.IsLinux()
            ? TrySendWithLibc(socketPath, request, timeout ?? DefaultTimeout)
            : TrySendWithSockets(socketPath, request, timeout ?? DefaultTimeout);
    }

    // Linux: libc's calls (UnixStream), which spare a command's process the cost of System.Net.Sockets.
    private static ControlReply? TrySendWithLibc(string socketPath, byte[] request, TimeSpan timeout)
    {
        using var buffer = new MemoryStream();
        return UnixStream.Exchange(socketPath, request, Environment.TickCount64 + (long)timeout.TotalMilliseconds, buffer, out var problem) switch
        {
            UnixStream.Outcome.NoPeer => null,
            UnixStream.Outcome.TimedOut => TimedOut,
            UnixStream.Outcome.Broken => Broken(problem),
            _ => ParseReply(buffer),
        };
    }

    private static ControlReply? TrySendWithSockets(string socketPath, byte[] request, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (SocketException) { return null; }
        catch (OperationCanceledException) { return null; }
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            stream.WriteAsync(request, cancel.Token).AsTask().GetAwaiter().GetResult();
            socket.Shutdown(SocketShutdown.Send);
            using var buffer = new MemoryStream();
            stream.CopyToAsync(buffer, cancel.Token).GetAwaiter().GetResult();
            return ParseReply(buffer);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return Broken(e.Message);
        }
        catch (OperationCanceledException)
        {
            return TimedOut;
        }
    }

    private static ControlReply TimedOut => ControlReply.Error("timeout", "the node did not answer in time");

    private static ControlReply Broken(string? problem) => ControlReply.Error("bad-reply", $"the connection broke: {problem}");

    private static ControlReply ParseReply(MemoryStream reply) =>
        ControlProtocol.ParseReply(Encoding.UTF8.GetString(reply.GetBuffer(), 0, (int)reply.Length));

    /// <summary>The reply of a node that must be running: not running → exit 3, refused → exit 1.</summary>
    public static IReadOnlyList<string> Require(ReleaseRoot root, string command, params string[] args)
    {
        var reply = TrySend(root, command, args) ?? throw new LauncherException(ExitCodes.NotRunning, "the node is not running");
        if (reply.ErrorKind == CookieProblem) throw new LauncherException(ExitCodes.Failure, $"cannot ask the node: {reply.Message}");
        if (!reply.Ok) throw new LauncherException(ExitCodes.Failure, $"the node refused {command}: {reply.ErrorKind} {reply.Message}".TrimEnd());
        return reply.Lines;
    }
}
