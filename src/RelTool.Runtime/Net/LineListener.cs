using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using RelTool.Runtime.Hosting;
using RelTool.Runtime.Servers;
using RelTool.Runtime.Supervision;

namespace RelTool.Runtime.Net;

/// <summary>
/// A TCP listener whose accept and read loops belong to the runtime, so it outlives code changes. Each event of
/// each connection goes to the server registered as <c>handlerName</c>, looked up anew every time: after a code
/// change (or a restart) of that server, new and existing connections alike are served by the current code.
/// </summary>
public sealed class LineListener : IChildProcess
{
    private readonly Socket _socket;
    private readonly ServerRegistry _registry;
    private readonly string _handlerName;
    private readonly TimeSpan _callTimeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<long, LineConnection> _connections = new();
    private readonly TaskCompletionSource<ExitReason> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextConnectionId;

    private LineListener(ServerRegistry registry, IPEndPoint endpoint, string handlerName, TimeSpan callTimeout)
    {
        _registry = registry;
        _handlerName = handlerName;
        _callTimeout = callTimeout;
        // The launcher's socket when there is one: it can then hand it to the next release's node.
        _socket = ListenSocketHook.BoundSocket(endpoint);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public int ConnectionCount => _connections.Count;

    public Task<ExitReason> Completion => _exit.Task;

    public static LineListener Start(ServerRegistry registry, IPEndPoint endpoint, string handlerName, TimeSpan? callTimeout = null)
    {
        var listener = new LineListener(registry, endpoint, handlerName, callTimeout ?? ServerRef.DefaultCallTimeout);
        listener._socket.Listen((int)SocketOptionName.MaxConnections);
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
        if (!_connections.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        try
        {
            await connection.WriteLineAsync(line, _stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    public Task StopAsync(ExitReason reason, TimeSpan timeout)
    {
        _stop.Cancel();
        _socket.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }

        _exit.TrySetResult(reason);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _socket.AcceptAsync(_stop.Token).ConfigureAwait(false);
                var connection = new LineConnection(Interlocked.Increment(ref _nextConnectionId), new TcpClient { Client = socket });
                _connections[connection.Id] = connection;
                _ = ServeAsync(connection);
            }
        }
        catch (Exception error) when ((_stop.IsCancellationRequested || ListenSocketHook.AcceptingStopped) && error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, or the launcher handed the socket to the next release's node: the connections accepted so far
            // are still served until the node stops.
        }
        catch (Exception error)
        {
            _exit.TrySetResult(ExitReason.Crash(error));
        }
    }

    private async Task ServeAsync(LineConnection connection)
    {
        _registry.Send(_handlerName, new ConnectionOpened(connection.Id, connection.Remote));
        try
        {
            using var reader = connection.OpenReader();
            while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                var reply = await HandleLineAsync(connection.Id, line).ConfigureAwait(false);
                if (reply is CloseConnection close)
                {
                    if (close.FinalLine is not null)
                    {
                        await connection.WriteLineAsync(close.FinalLine, _stop.Token).ConfigureAwait(false);
                    }

                    break;
                }

                if (reply is not null)
                {
                    await connection.WriteLineAsync(reply.ToString()!, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            connection.Dispose();
            _registry.Send(_handlerName, new ConnectionClosed(connection.Id));
        }
    }

    private async Task<object?> HandleLineAsync(long connectionId, string line)
    {
        try
        {
            var handler = await ResolveHandlerAsync().ConfigureAwait(false);
            return handler is null
                ? $"error: no server is registered as {_handlerName}"
                : await handler.CallAsync(new LineReceived(connectionId, line), _callTimeout).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ServerExitedException or TimeoutException)
        {
            return $"error: {error.Message}";
        }
    }

    /// <summary>Waits a little for a handler that is being restarted by its supervisor.</summary>
    private async Task<ServerRef?> ResolveHandlerAsync()
    {
        var deadline = DateTime.UtcNow + _callTimeout;
        while (true)
        {
            if (_registry.WhereIs(_handlerName) is { IsAlive: true } handler)
            {
                return handler;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(10, _stop.Token).ConfigureAwait(false);
        }
    }
}
