using System.Diagnostics;
using System.Reflection;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// The relup steps for the servers of one assembly (a module): <c>{suspend,[M]}</c>,
/// <c>{code_change,Up|Down,[{M,Extra}]}</c>, <c>{resume,[M]}</c>, and all three at once.
/// </summary>
public static class CodeSwap
{
    /// <summary>Suspends every server implemented in <paramref name="assembly"/>; returns those now suspended.</summary>
    public static async Task<IReadOnlyList<ServerRef>> SuspendAsync(ServerRegistry registry, string assembly, TimeSpan timeout)
    {
        var servers = registry.ImplementedIn(assembly);
        var suspended = await Task.WhenAll(servers.Select(s => TrySuspendAsync(s, timeout))).ConfigureAwait(false);
        return suspended.OfType<ServerRef>().ToArray();
    }

    /// <summary>
    /// Gives every suspended server of <paramref name="assembly"/> the type of the same full name from
    /// <paramref name="newCode"/> (created with its parameterless constructor) and migrates its state.
    /// A server whose change fails keeps its old code and state; the report says which and why.
    /// </summary>
    public static async Task<IReadOnlyList<ServerCodeChange>> ChangeCodeAsync(
        ServerRegistry registry, string assembly, Assembly newCode, OldVsn oldVsn, object? extra, TimeSpan timeout)
    {
        var servers = registry.ImplementedIn(assembly).Where(s => s.IsSuspended && s.ImplementationType?.Assembly != newCode);
        return await Task.WhenAll(servers.Select(s => ChangeOneAsync(s, newCode, oldVsn, extra, timeout))).ConfigureAwait(false);
    }

    /// <summary>Resumes every suspended server of <paramref name="assembly"/>; returns how long each was paused.</summary>
    public static async Task<IReadOnlyList<(ServerRef Server, TimeSpan Pause)>> ResumeAsync(
        ServerRegistry registry, string assembly, TimeSpan timeout)
    {
        var servers = registry.ImplementedIn(assembly).Where(s => s.IsSuspended).ToArray();
        var pauses = await Task.WhenAll(servers.Select(s => s.ResumeAsync().WaitAsync(timeout))).ConfigureAwait(false);
        return servers.Zip(pauses).ToArray();
    }

    /// <summary>Suspend, code change, resume: an <c>{update, M, {advanced, Extra}}</c> for the servers of one assembly.</summary>
    public static async Task<CodeChangeReport> UpgradeAsync(
        ServerRegistry registry, string assembly, Assembly newCode, OldVsn oldVsn, object? extra, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        await SuspendAsync(registry, assembly, timeout).ConfigureAwait(false);
        var changes = await ChangeCodeAsync(registry, assembly, newCode, oldVsn, extra, timeout).ConfigureAwait(false);
        await ResumeAsync(registry, assembly, timeout).ConfigureAwait(false);
        return new CodeChangeReport(assembly, oldVsn, changes, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<ServerRef?> TrySuspendAsync(ServerRef server, TimeSpan timeout)
    {
        try
        {
            await server.SuspendAsync().WaitAsync(timeout).ConfigureAwait(false);
            return server;
        }
        catch (ServerExitedException)
        {
            return null;
        }
    }

    private static async Task<ServerCodeChange> ChangeOneAsync(
        ServerRef server, Assembly newCode, OldVsn oldVsn, object? extra, TimeSpan timeout)
    {
        var oldType = server.ImplementationType?.FullName ?? "(exited)";
        try
        {
            var next = CreateImplementation(newCode, oldType);
            var newType = next.GetType().FullName;
            await server.ChangeCodeAsync(next, oldVsn, extra).WaitAsync(timeout).ConfigureAwait(false);
            return new ServerCodeChange(server, oldType, newType, null);
        }
        catch (Exception error)
        {
            return new ServerCodeChange(server, oldType, null, error);
        }
    }

    internal static Server CreateImplementation(Assembly newCode, string typeName)
    {
        var type = newCode.GetType(typeName)
            ?? throw new CodeChangeException($"{newCode.GetName().Name} {newCode.GetName().Version} has no type {typeName}");
        if (!typeof(Server).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new CodeChangeException($"{type.FullName} in the new code is not a server with a parameterless constructor");
        }

        return (Server)Activator.CreateInstance(type)!;
    }
}
