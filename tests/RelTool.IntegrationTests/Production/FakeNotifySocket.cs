using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace RelTool.IntegrationTests.Production;

/// <summary>What systemd listens on for sd_notify: a Unix datagram socket at a temp path, read by a background thread.</summary>
public sealed class FakeNotifySocket : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly BlockingCollection<(TimeSpan At, string Text)> received = [];
    private readonly List<(TimeSpan At, string Text)> seen = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-notify-").FullName;

    public FakeNotifySocket()
    {
        Path = System.IO.Path.Combine(dir, "notify.sock");
        socket.Bind(new UnixDomainSocketEndPoint(Path));
        new Thread(Receive) { IsBackground = true, Name = "fake NOTIFY_SOCKET" }.Start();
    }

    /// <summary>The value for $NOTIFY_SOCKET.</summary>
    public string Path { get; }

    /// <summary>Every message so far, in arrival order, with the time since the socket was made.</summary>
    public IReadOnlyList<(TimeSpan At, string Text)> Messages
    {
        get
        {
            while (received.TryTake(out var m)) seen.Add(m);
            return [.. seen];
        }
    }

    /// <summary>Waits for a message with the line <paramref name="line"/> (e.g. READY=1); null on timeout.</summary>
    public (TimeSpan At, string Text)? WaitFor(string line, TimeSpan timeout)
    {
        var deadline = clock.Elapsed + timeout;
        foreach (var m in Messages) if (HasLine(m.Text, line)) return m;
        while (clock.Elapsed < deadline)
        {
            if (!received.TryTake(out var m, deadline - clock.Elapsed)) break;
            seen.Add(m);
            if (HasLine(m.Text, line)) return m;
        }
        return null;
    }

    public static bool HasLine(string message, string line) => message.Split('\n').Contains(line);

    private void Receive()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = socket.Receive(buffer);
                received.Add((clock.Elapsed, Encoding.UTF8.GetString(buffer, 0, n)));
            }
        }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    public override string ToString() => string.Join("\n", Messages.Select(m => $"{m.At.TotalSeconds:0.00}s {m.Text.Replace('\n', ' ')}"));

    public void Dispose()
    {
        socket.Dispose();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
