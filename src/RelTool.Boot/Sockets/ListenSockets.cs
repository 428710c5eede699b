using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RelTool.Boot.Native;

namespace RelTool.Boot.Sockets;

/// <summary>
/// The listening sockets the node owns: those it was handed (by the node it replaces, through
/// <see cref="Variable"/>, or by systemd's socket activation, LISTEN_FDS) and those it opened for the app's server
/// (<see cref="KestrelSockets"/>). An overlapped install hands them all to the next node (<see cref="Inheritable"/>),
/// which serves on the same kernel sockets, so the port is never closed. Sockets are keyed by the address the server
/// asked for ("127.0.0.1:5000", "[::]:0"), so a port-0 endpoint gets its old socket back as well.
/// </summary>
public sealed class ListenSockets
{
    /// <summary>Sockets a node hands to its successor: "FD KEY" items separated by ';'.</summary>
    public const string Variable = "RELTOOL_LISTEN_FDS";

    private const int FirstSystemdFd = 3;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Socket> waiting = new(StringComparer.Ordinal);
    // A class, not a tuple: a list of it runs the runtime's precompiled List code (a tuple's list JIT-compiled 7
    // methods at every node's start, and more when read).
    private sealed record Owned(string Key, Socket Socket, bool Inherited);

    private readonly List<Owned> owned = [];
    private readonly List<string> refusals = [];

    /// <summary>Raised before <see cref="StopAccepting"/> closes the sockets: servers that would take the closing for a failure learn it is not one.</summary>
    public event Action? AcceptingStops;

    /// <summary>The node's sockets; <see cref="Adopt"/> fills it before the app runs.</summary>
    public static ListenSockets Current { get; } = new();

    /// <summary>Takes the sockets this process was given (ours, else systemd's) and removes the variables, so the app's children do not see them.</summary>
    public void Adopt()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } ours)
        {
            foreach (var item in ours.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var space = item.IndexOf(' ');
                if (space > 0 && int.TryParse(item[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var fd))
                    Take(item[(space + 1)..], fd);
            }
        }
        // The pid is formatted only when systemd passed sockets: CultureInfo loads ICU, ~5 ms before the app's Main.
        else if (Environment.GetEnvironmentVariable("LISTEN_PID") is { } listenPid && listenPid == Environment.ProcessId.ToString(CultureInfo.InvariantCulture)
                 && int.TryParse(Environment.GetEnvironmentVariable("LISTEN_FDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            // systemd's socket activation: fds 3.. are listening sockets; the server finds them by the address it binds.
            for (var fd = FirstSystemdFd; fd < FirstSystemdFd + count; fd++)
            {
                var socket = Wrap(fd);
                if (socket.LocalEndPoint is IPEndPoint address) Take(address.ToString(), socket);
            }
            foreach (var name in new[] { "LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES" }) Environment.SetEnvironmentVariable(name, null);
        }
        Environment.SetEnvironmentVariable(Variable, null);
    }

    private void Take(string key, int fd) => Take(key, Wrap(fd));

    private void Take(string key, Socket socket)
    {
        lock (gate) waiting[key] = socket;
    }

    private static Socket Wrap(int fd)
    {
        Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>
    /// The socket for an endpoint the app's server binds: the one handed over for that address, else a new one
    /// (<paramref name="create"/>, the server's own way of making it), recorded. Endpoints other than TCP addresses
    /// (Unix sockets, handles) are made by the server and noted: the node cannot hand those over.
    /// </summary>
    public Socket Bind(EndPoint endpoint, Func<EndPoint, Socket> create)
    {
        if (endpoint is not IPEndPoint address)
        {
            Refuse($"the app listens on {endpoint} ({endpoint.GetType().Name}), which the node cannot hand over");
            return create(endpoint);
        }
        var key = address.ToString();
        lock (gate)
        {
            if (waiting.Remove(key, out var handed))
            {
                owned.Add(new(key, handed, true));
                return handed;
            }
        }
        var socket = create(endpoint);
        lock (gate) owned.Add(new(key, socket, false));
        return socket;
    }

    /// <summary>Notes why the node cannot own every listening socket of the app (an overlapped install then falls back to stop-then-start).</summary>
    public void Refuse(string reason)
    {
        lock (gate)
            if (!refusals.Contains(reason)) refusals.Add(reason);
    }

    /// <summary>Why the node cannot hand over the app's listening sockets; null when it can.</summary>
    public string? WhyNotOwned()
    {
        List<Owned> mine;
        lock (gate)
        {
            if (refusals.Count > 0) return string.Join("; ", refusals);
            mine = [.. owned];
        }
        var live = Live(mine);
        if (live.Count == 0) return "the app listens on no socket the node owns (it serves through no Kestrel endpoint)";
        var ownInodes = live.Select(s => ProcessListeners.InodeOf(s.Fd)).ToHashSet();
        var foreign = ProcessListeners.Tcp().Where(l => !ownInodes.Contains(l.Inode)).Select(l => l.Address).ToList();
        return foreign.Count > 0
            ? $"the app listens on {string.Join(", ", foreign)} itself (not through Kestrel); the node cannot hand that over"
            : null;
    }

    /// <summary>
    /// Runs <paramref name="spawn"/> with the owned sockets inheritable (FD_CLOEXEC cleared) and the value of
    /// <see cref="Variable"/> that names them; they are close-on-exec again afterwards.
    /// </summary>
    public T Inheritable<T>(Func<string, T> spawn)
    {
        List<Owned> mine;
        lock (gate) mine = [.. owned];
        var live = Live(mine);
        foreach (var s in live) Libc.fcntl(s.Fd, Libc.F_SETFD, 0);
        try
        {
            return spawn(string.Join(';', live.Select(s => $"{s.Fd.ToString(CultureInfo.InvariantCulture)} {s.Key}")));
        }
        finally
        {
            foreach (var s in live) Libc.fcntl(s.Fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        }
    }

    /// <summary>
    /// Stops this node accepting, before its graceful shutdown: closes its own descriptors of the listening sockets, so
    /// the server's accept loops end as on unbind while the sockets live on in the node that took them over. FD_CLOEXEC
    /// is cleared first: .NET then closes the descriptor as it is, without the shutdown(2) it uses to unblock pending
    /// calls, which on a listening socket would stop it listening for the other node too.
    /// </summary>
    public void StopAccepting()
    {
        AcceptingStops?.Invoke();
        List<Owned> mine;
        lock (gate) mine = [.. owned];
        foreach (var (_, fd) in Live(mine)) Libc.fcntl(fd, Libc.F_SETFD, 0);
        foreach (var (_, socket, _) in mine) socket.Dispose();
    }

    /// <summary>What this node serves on: `used KEY` (handed over and bound by the app), `unused KEY` (handed over, not bound), `new KEY` (opened here).</summary>
    public IReadOnlyList<string> Report()
    {
        lock (gate)
            return [.. owned.Select(o => (o.Inherited ? "used " : "new ") + o.Key), .. waiting.Keys.Select(k => "unused " + k)];
    }

    /// <summary>The TCP addresses this node serves on (its owned sockets that are still open).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints()
    {
        List<Owned> mine;
        lock (gate) mine = [.. owned];
        var endpoints = new List<IPEndPoint>();
        foreach (var (_, socket, _) in mine)
        {
            try
            {
                if (socket.LocalEndPoint is IPEndPoint endpoint) endpoints.Add(endpoint);
            }
            catch (ObjectDisposedException) { }
        }
        return endpoints;
    }

    /// <summary>Sockets still open (the server disposes those it stops listening on).</summary>
    private static List<(string Key, int Fd)> Live(IEnumerable<Owned> sockets)
    {
        var live = new List<(string, int)>();
        foreach (var (key, socket, _) in sockets)
        {
            try
            {
                if (!socket.SafeHandle.IsClosed && !socket.SafeHandle.IsInvalid) live.Add((key, (int)socket.Handle));
            }
            catch (ObjectDisposedException) { }
        }
        return live;
    }
}
