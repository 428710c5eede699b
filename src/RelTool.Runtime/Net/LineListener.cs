using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using RelTool.Runtime.Hosting;

namespace RelTool.Runtime;

/// <summary>
/// A TCP listener whose accept and read loops belong to the runtime, so it outlives code changes. Each event of
/// each connection goes to the server registered as <c>handlerName</c>, looked up anew every time: after a code
/// change (or a restart) of that server, new and existing connections alike are served by the current code.
/// </summary>
public sealed class LineListener : IChildProcess
{
    private readonly Socket socket;
    private readonly ServerRegistry registry;
    private readonly string handlerName;
    private readonly TimeSpan callTimeout;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<long, LineConnection> connections = new();
    private readonly TaskCompletionSource<ExitReason> exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long nextConnectionId;

    private LineListener(ServerRegistry registry, IPEndPoint endpoint, string handlerName, TimeSpan callTimeout)
    {
        this.registry = registry;
        this.handlerName = handlerName;
        this.callTimeout = callTimeout;
        // The launcher's socket when there is one: it can then hand it to the next release's node.
        socket = ListenSocketHook.BoundSocket(endpoint);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public int ConnectionCount => connections.Count;

    public Task<ExitReason> Completion => exit.Task;

    public static LineListener Start(ServerRegistry registry, IPEndPoint endpoint, string handlerName, TimeSpan? callTimeout = null)
    {
        var listener = new LineListener(registry, endpoint, handlerName, callTimeout ?? ServerRef.DefaultCallTimeout);
        listener.socket.Listen((int)SocketOptionName.MaxConnections);
        using (ExecutionContext.SuppressFlow())
        {
            Task.Run(listener.AcceptLoopAsync);
        }

        return listener;
    }

    /// <summary>
    /// A child spec that starts a listener. Its start function belongs to the runtime, so a supervisor holding the
    /// spec keeps no closure of the application's code (which would keep an old version loaded after an upgrade).
    /// </summary>
    public static ChildSpec Child(string id, ServerRegistry registry, IPEndPoint endpoint, string handlerName, TimeSpan? callTimeout = null) =>
        new(id, () => Start(registry, endpoint, handlerName, callTimeout));

    /// <summary>Pushes a line to a client (a chat broadcast, say); false when the connection is gone.</summary>
    public async Task<bool> WriteLineAsync(long connectionId, string line)
    {
        if (!connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        try
        {
            await connection.WriteLineAsync(line, stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    public Task StopAsync(ExitReason reason, TimeSpan timeout)
    {
        stop.Cancel();
        socket.Dispose();
        foreach (var connection in connections.Values)
        {
            connection.Dispose();
        }

        exit.TrySetResult(reason);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var socket = await this.socket.AcceptAsync(stop.Token).ConfigureAwait(false);
                var connection = new LineConnection(Interlocked.Increment(ref nextConnectionId), new TcpClient { Client = socket });
                connections[connection.Id] = connection;
                _ = ServeAsync(connection);
            }
        }
        catch (Exception error) when ((stop.IsCancellationRequested || ListenSocketHook.AcceptingStopped) && error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the launcher handed the socket to the next release's node: the connections accepted so far
            // are still served until the node stops.
        }
        catch (Exception error)
        {
            exit.TrySetResult(ExitReason.Crash(error));
        }
    }

    private async Task ServeAsync(LineConnection connection)
    {
        registry.Send(handlerName, new ConnectionOpened(connection.Id, connection.Remote));
        try
        {
            using var reader = connection.OpenReader();
            while (await reader.ReadLineAsync(stop.Token).ConfigureAwait(false) is { } line)
            {
                var reply = await HandleLineAsync(connection.Id, line).ConfigureAwait(false);
                if (reply is CloseConnection close)
                {
                    if (close.FinalLine is not null)
                    {
                        await connection.WriteLineAsync(close.FinalLine, stop.Token).ConfigureAwait(false);
                    }

                    break;
                }

                if (reply is not null)
                {
                    await connection.WriteLineAsync(reply.ToString()!, stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
        finally
        {
            connections.TryRemove(connection.Id, out _);
            connection.Dispose();
            registry.Send(handlerName, new ConnectionClosed(connection.Id));
        }
    }

    private async Task<object?> HandleLineAsync(long connectionId, string line)
    {
        try
        {
            var handler = await ResolveHandlerAsync().ConfigureAwait(false);
            return handler is null
                ? $"error: no server is registered as {handlerName}"
                : await handler.CallAsync<object?>(new LineReceived(connectionId, line), callTimeout).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ServerExitedException or TimeoutException)
        {
            return $"error: {error.Message}";
        }
    }

    /// <summary>Waits a little for a handler that is being restarted by its supervisor.</summary>
    private async Task<ServerRef?> ResolveHandlerAsync()
    {
        var deadline = DateTime.UtcNow + callTimeout;
        while (true)
        {
            if (registry.WhereIs(handlerName) is { IsAlive: true } handler)
            {
                return handler;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(10, stop.Token).ConfigureAwait(false);
        }
    }
}
