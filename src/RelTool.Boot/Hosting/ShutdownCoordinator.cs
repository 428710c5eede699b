using System.Runtime.InteropServices;
using RelTool.Boot.Native;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Graceful shutdown on SIGTERM/SIGINT (and on the control socket's stop, which raises SIGTERM in this process so
/// that the app's own handlers, such as the Generic Host's lifetime, see it too). The signal's default action is
/// cancelled; an app that handles the signal returns from Main. One that does not is ended with
/// Environment.Exit(0) after the grace period, which runs its ProcessExit handlers. A second signal exits at once.
/// </summary>
public sealed class ShutdownCoordinator : IDisposable
{
    public const string GraceVariable = "RELTOOL_SHUTDOWN_GRACE";
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    private readonly PosixSignalRegistration[] registrations;
    private readonly TimeSpan grace;
    private readonly Action? onStopping;
    private int signals;

    /// <param name="onStopping">Runs on the first signal, before the app sees it (sd_notify's STOPPING=1).</param>
    public ShutdownCoordinator(TimeSpan grace, Action? onStopping = null)
    {
        this.grace = grace;
        this.onStopping = onStopping;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal)];
    }

    public static TimeSpan GraceFromEnvironment() =>
        double.TryParse(Environment.GetEnvironmentVariable(GraceVariable), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultGrace;

    public bool Requested => Volatile.Read(ref signals) > 0;

    /// <summary>Asks this process to shut down as if it had received SIGTERM.</summary>
    public static void RequestStop()
    {
        if (Libc.kill(Environment.ProcessId, Libc.SIGTERM) != 0)
            Environment.Exit(0);
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref signals) > 1)
        {
            Environment.Exit(0);
            return;
        }
        onStopping?.Invoke();
        // Before the server unbinds: .NET's own close of a listening socket shuts it down, which would also stop it
        // for another node sharing it (the old node, when this is a successor that did not come up).
        Sockets.ListenSockets.Current.StopAccepting();
        new Thread(() =>
        {
            Thread.Sleep(grace);
            Environment.Exit(0);
        }) { IsBackground = true, Name = "reltool shutdown grace" }.Start();
    }

    public void Dispose()
    {
        foreach (var r in registrations) r.Dispose();
    }
}
