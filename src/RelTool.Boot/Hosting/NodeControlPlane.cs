using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler.NodeSide;
using RelTool.Formats;

namespace RelTool.Boot.Hosting;

/// <summary>
/// What a node shows the world besides the app — its control commands, the control socket, control.path, the pid file
/// and systemd's READY=1 — set up on a thread of its own while the app starts: before the app's Main they took 30–45 ms
/// of a stock webapi's start (timed from the launcher's Main, issue 13).
/// The socket answers only once the main thread said its commands are in (<see cref="AppSideReady"/>): `start` and
/// an overlapped install never see a node without `ready` or `install`.
/// </summary>
public sealed class NodeControlPlane : IDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim appSide = new();
    private readonly ManualResetEventSlim started = new();
    private readonly Thread thread;
    private volatile bool abandoned;
    private int disposed;
    private Successor.Presence? presence;
    private HostReadiness? readiness;

    /// <param name="setUp">The commands the control plane adds itself (runs on its thread, before the socket opens).</param>
    /// <param name="successorControl">A successor's own control socket (<see cref="Successor"/>), else null.</param>
    /// <param name="takingOver">Runs when a successor takes over (opens its <see cref="Sockets.SuccessorGate"/>).</param>
    /// <param name="whenReady">Runs once the app serves and the socket answers (systemd's READY=1).</param>
    public NodeControlPlane(ReleaseRoot root, string name, string cookie, ControlCommandTable commands, Action setUp,
        string? successorControl, Action? takingOver, Action whenReady)
    {
        thread = new Thread(() =>
        {
            try
            {
                setUp();
                appSide.Wait();
                if (abandoned) return;
                var serving = new Successor.Presence(root, name, cookie, commands);
                serving.Start(successorControl, takingOver);
                presence = serving;
                readiness!.WhenReady(whenReady);
            }
            catch (Exception e) when (e is RelToolException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
            {
                // The app already runs on the main thread: a node nobody can reach or stop must not go on serving.
                // (Set first: Exit runs the node's clean-up, which waits for this thread, on this thread.)
                started.Set();
                Environment.Exit(LauncherException.Report(e));
            }
            finally
            {
                started.Set();
            }
        }) { Name = "reltool control plane", IsBackground = true };
        thread.Start();
    }

    /// <summary>The main thread has added its commands (install, ready, warm-up, health): the socket may answer.</summary>
    public void AppSideReady(HostReadiness hostReadiness)
    {
        readiness = hostReadiness;
        appSide.Set();
    }

    /// <summary>Closes the sockets and removes what is still this node's; a set-up still under way is awaited first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        if (!appSide.IsSet)
        {
            abandoned = true;
            appSide.Set();
        }
        started.Wait(StartWait);
        presence?.Dispose();
    }
}
