using System.Globalization;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// The new node of an overlapped install (<see cref="OverlappedInstall"/>), while the node it replaces still runs:
/// it answers on a control socket of its own (named by <see cref="ControlVariable"/>) and leaves the release root's
/// control socket and pid file to the old node until that one asks it to <see cref="TakeOverCommand"/>.
/// </summary>
public static class Successor
{
    /// <summary>Set by the old node: the control socket the successor answers on until it takes over.</summary>
    public const string ControlVariable = "RELTOOL_SUCCESSOR_CONTROL";

    /// <summary>Makes the successor the release root's node: it answers on the root's control socket and writes the pid file.</summary>
    public const string TakeOverCommand = "take-over";

    /// <summary>The node's listening sockets (<see cref="Sockets.ListenSockets.Report"/>).</summary>
    public const string SocketsCommand = "listen-sockets";

    /// <summary>Probes the release's health URL once on the successor's private listener (<see cref="Health"/>).</summary>
    public const string HealthCommand = "health";

    /// <summary>
    /// health: `healthy` when the health URL answers on this node's private listener, `none` when there is no URL or
    /// no private listener (the URL is then probed after the take-over), else the error `unhealthy` with why.
    /// </summary>
    public static ControlOutcome Health(string? url, Sockets.SuccessorGate? gate)
    {
        if (url is null || gate is null || gate.PrivateUrl(url, samePortOnly: true) is var own && own == url) return new(ControlReply.Success("none"));
        return HealthCheck.Probe(own, anyCertificate: true) is { } why
            ? new(ControlReply.Error("unhealthy", why))
            : new(ControlReply.Success("healthy"));
    }

    /// <summary>The successor's control path when this node is one; the variable is removed so the app's children do not see it.</summary>
    public static string? ConsumeControlPath()
    {
        var path = Environment.GetEnvironmentVariable(ControlVariable);
        Environment.SetEnvironmentVariable(ControlVariable, null);
        return path is { Length: > 0 } ? path : null;
    }

    /// <summary>
    /// The node's presence in the release root: its control socket(s), control.path and pid file. A node started
    /// normally takes the root at once; a successor serves its own socket and takes the root on <see cref="TakeOverCommand"/>.
    /// </summary>
    public sealed class Presence(ReleaseRoot root, string name, string cookie, ControlCommandTable commands) : IDisposable
    {
        private readonly Lock gate = new();
        private readonly List<ControlServer> servers = [];
        private string? rootSocket;

        private string PidFile => root.PidFile(name);

        /// <summary>Serves <paramref name="successorPath"/> when given (the root stays the old node's until take-over), else takes the root now.</summary>
        /// <param name="takingOver">Runs at the take-over, before the old node hears of it (and so before it stops accepting).</param>
        public void Start(string? successorPath, Action? takingOver = null)
        {
            if (successorPath is null)
            {
                TakeRoot(replacing: false);
                return;
            }
            var own = ControlServer.Start(successorPath, cookie, commands);
            lock (gate) servers.Add(own);
            commands.Add(TakeOverCommand, _ =>
            {
                takingOver?.Invoke();
                TakeRoot(replacing: true);
                // The successor's own socket is done once the old node has the answer (a later install reuses its path).
                return new(ControlReply.Success(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)), () =>
                {
                    lock (gate) servers.Remove(own);
                    own.Dispose();
                    ControlEndpoint.Remove(root, successorPath);
                });
            });
        }

        private void TakeRoot(bool replacing)
        {
            var path = ControlEndpoint.Choose(root);
            // The old node still listens there; it hands the path over and leaves it alone from now on.
            if (replacing && File.Exists(path)) File.Delete(path);
            var server = ControlServer.Start(path, cookie, commands);
            lock (gate)
            {
                servers.Add(server);
                rootSocket = path;
            }
            ControlEndpoint.Record(root, path);
            AtomicFile.WriteAllText(PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        /// <summary>
        /// On exit: closes the sockets and removes what is still this node's. After a hand-over to a successor, the
        /// root's socket path, its record and the pid file are the successor's.
        /// </summary>
        public void Dispose()
        {
            List<ControlServer> all;
            lock (gate)
            {
                all = [.. servers];
                servers.Clear();
            }
            foreach (var s in all)
            {
                if (s.SocketPath == rootSocket && OverlappedInstall.HandedOver)
                {
                    // Not disposed: disposing a bound Unix socket unlinks its path, now the successor's socket. The
                    // process is exiting; its listener (reachable by no path) closes with it.
                    if (ControlEndpoint.Locate(root) != s.SocketPath)
                    {
                        s.Dispose();
                        ControlEndpoint.Remove(root, s.SocketPath);
                    }
                    continue;
                }
                s.Dispose();
                ControlEndpoint.Remove(root, s.SocketPath);
                if (s.SocketPath == rootSocket)
                {
                    try { File.Delete(PidFile); } catch (IOException) { }
                }
            }
        }
    }
}
