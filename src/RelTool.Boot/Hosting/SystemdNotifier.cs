using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace RelTool.Boot.Hosting;

/// <summary>
/// The sd_notify protocol without libsystemd: each message is one datagram of `KEY=VALUE` lines sent to the Unix socket
/// named by $NOTIFY_SOCKET (a path, or an abstract socket when it starts with '@'). Without the variable every call does
/// nothing, so a node outside systemd behaves as before. Sends are best effort: a lost notification must never stop
/// the app, and systemd's own timeouts report a node that never said READY=1.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";
    public const string WatchdogUsecVariable = "WATCHDOG_USEC";
    public const string WatchdogPidVariable = "WATCHDOG_PID";

    private readonly Socket? socket;
    private readonly UnixDomainSocketEndPoint? endpoint;
    private readonly Lock gate = new();
    private Timer? watchdog;
    private bool stopping;

    private SystemdNotifier(string? socketName)
    {
        if (string.IsNullOrEmpty(socketName) || !(socketName.StartsWith('/') || socketName.StartsWith('@'))) return;
        // An abstract socket is spelled with '@' in the variable and a leading NUL on the wire.
        endpoint = new UnixDomainSocketEndPoint(socketName.StartsWith('@') ? "\0" + socketName[1..] : socketName);
        socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    /// <summary>A notifier for $NOTIFY_SOCKET of this process (inert without it).</summary>
    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable(SocketVariable));

    public bool Enabled => socket is not null;

    /// <summary>The app serves: what `start` waits for, and what ends systemd's activation of a Type=notify unit.</summary>
    public void Ready(string status) => Send($"READY=1\nSTATUS={status}");

    /// <summary>The node begins to shut down (sent once).</summary>
    public void Stopping(string status)
    {
        lock (gate)
        {
            if (stopping) return;
            stopping = true;
        }
        Send($"STOPPING=1\nSTATUS={status}");
    }

    public void Status(string status) => Send("STATUS=" + status);

    /// <summary>Names another process as the service's main process (a restart install hands the service to a new node).</summary>
    public void MainPid(int pid) => Send("MAINPID=" + pid.ToString(CultureInfo.InvariantCulture));

    public void WatchdogPing() => Send("WATCHDOG=1");

    /// <summary>
    /// The period of WATCHDOG=1 pings: half of $WATCHDOG_USEC, as sd_watchdog_enabled advises; null when systemd asks
    /// for none or asks another process ($WATCHDOG_PID).
    /// </summary>
    public static TimeSpan? WatchdogInterval()
    {
        if (!long.TryParse(Environment.GetEnvironmentVariable(WatchdogUsecVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
            return null;
        if (Environment.GetEnvironmentVariable(WatchdogPidVariable) is { Length: > 0 } pid
            && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) return null;
        return TimeSpan.FromMicroseconds(usec / 2.0);
    }

    /// <summary>Pings at <see cref="WatchdogInterval"/> until disposed; a ping goes out at once too.</summary>
    public void StartWatchdog()
    {
        if (!Enabled || WatchdogInterval() is not { } interval) return;
        lock (gate) watchdog ??= new Timer(_ => WatchdogPing(), null, TimeSpan.Zero, interval);
    }

    private void Send(string message)
    {
        if (socket is null) return;
        try { socket.SendTo(Encoding.UTF8.GetBytes(message), SocketFlags.None, endpoint!); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        lock (gate)
        {
            watchdog?.Dispose();
            watchdog = null;
        }
        socket?.Dispose();
    }
}
