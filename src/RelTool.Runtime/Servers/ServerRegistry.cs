using System.Collections.Concurrent;

namespace RelTool.Runtime;

/// <summary>
/// Every running server of a node, and the names they are registered under (OTP's
/// <c>register</c>/<c>whereis</c>/<c>unregister</c>). A server leaves both when it exits.
/// </summary>
public sealed class ServerRegistry
{
    private readonly ConcurrentDictionary<long, ServerRef> running = new();
    private readonly ConcurrentDictionary<string, ServerRef> names = new(StringComparer.Ordinal);

    /// <summary>Runs <c>Init</c> and starts the server; with a name, registers it first and fails when the name is taken.</summary>
    public ServerRef Start(Server implementation, object? args = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var server = new ServerRef(this, implementation, name);
        if (name is not null && !names.TryAdd(name, server))
        {
            throw new InvalidOperationException($"a server is already registered as '{name}'");
        }

        running[server.Id] = server;
        try
        {
            server.Start(args, () => Forget(server));
        }
        catch
        {
            Forget(server);
            throw;
        }

        return server;
    }

    public void Register(string name, ServerRef server)
    {
        if (!server.IsAlive)
        {
            throw new ServerExitedException(server.ToString(), null);
        }

        if (!names.TryAdd(name, server))
        {
            throw new InvalidOperationException($"a server is already registered as '{name}'");
        }

        if (!server.IsAlive)
        {
            names.TryRemove(new KeyValuePair<string, ServerRef>(name, server));
        }
    }

    public bool Unregister(string name) => names.TryRemove(name, out _);

    public ServerRef? WhereIs(string name) => names.TryGetValue(name, out var server) ? server : null;

    public IReadOnlyCollection<string> RegisteredNames => names.Keys.ToArray();

    public IReadOnlyList<ServerRef> Running => running.Values.OrderBy(s => s.Id).ToArray();

    internal IReadOnlyList<ServerRef> ImplementedIn(string assemblySimpleName) =>
        Running.Where(s => s.ImplementationType?.Assembly.GetName().Name == assemblySimpleName).ToArray();

    /// <summary><see cref="ServerRef.CallAsync{TReply}"/> to the server registered as <paramref name="name"/>.</summary>
    public Task<TReply> CallAsync<TReply>(string name, object request, TimeSpan? timeout = null) =>
        Resolve(name).CallAsync<TReply>(request, timeout);

    public TReply Call<TReply>(string name, object request, TimeSpan? timeout = null) => Resolve(name).Call<TReply>(request, timeout);

    public bool Cast(string name, object message) => WhereIs(name)?.Cast(message) ?? false;

    public bool Send(string name, object message) => WhereIs(name)?.Send(message) ?? false;

    private ServerRef Resolve(string name) => WhereIs(name) ?? throw new ServerExitedException($"'{name}'", null);

    private void Forget(ServerRef server)
    {
        running.TryRemove(server.Id, out _);
        foreach (var entry in names)
        {
            if (ReferenceEquals(entry.Value, server))
            {
                names.TryRemove(entry);
            }
        }
    }
}
