using System.Net;
using System.Reflection;

namespace RelTool.Boot.Sockets;

/// <summary>
/// Kestrel's IConnectionListenerFactory for a successor (<see cref="SuccessorGate"/>): it binds each TCP address
/// twice through Kestrel's socket transport — the shared socket, and a private loopback one — and hands Kestrel one
/// listener that accepts on the private socket until the gate opens, then on the shared one. The launcher does not
/// reference ASP.NET Core, so the interfaces are implemented by <see cref="DispatchProxy"/> over reflection.
/// </summary>
public class GatedListenerFactory : DispatchProxy
{
    private object inner = null!;
    private MethodInfo bind = null!;
    private SuccessorGate gate = null!;

    /// <summary>An IConnectionListenerFactory (<paramref name="factoryInterface"/>) around <paramref name="socketFactory"/>.</summary>
    public static object Create(Type factoryInterface, object socketFactory, SuccessorGate gate)
    {
        var proxy = Create(factoryInterface, typeof(GatedListenerFactory));
        var self = (GatedListenerFactory)proxy;
        self.inner = socketFactory;
        self.bind = factoryInterface.GetMethod("BindAsync")!;
        self.gate = gate;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == "BindAsync" && args is [IPEndPoint shared, CancellationToken cancel])
        {
            var listenerType = targetMethod.ReturnType.GetGenericArguments()[0];
            return typeof(GatedListenerFactory).GetMethod(nameof(BindBoth), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(listenerType).Invoke(this, [shared, cancel]);
        }
        return Forward(targetMethod, inner, args);
    }

    private async ValueTask<T> BindBoth<T>(IPEndPoint shared, CancellationToken cancel) where T : class
    {
        var sharedListener = await (ValueTask<T>)Forward(bind, inner, [shared, cancel])!;
        T privateListener;
        try
        {
            privateListener = await (ValueTask<T>)Forward(bind, inner, [gate.PrivateRequest(shared), cancel])!;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // No loopback of that family here (IPv6 disabled on lo): this address is served ungated, as before the gate.
            Console.Error.WriteLine($"[reltool] no private listener beside {shared} ({e.Message}); it accepts before the take-over");
            return sharedListener;
        }
        var endpoint = typeof(T).GetProperty("EndPoint")!;
        if (endpoint.GetValue(privateListener) is IPEndPoint bound) gate.AddPrivate(shared, bound);
        return (T)GatedListener.Create(typeof(T), sharedListener, privateListener, gate);
    }

    internal static object? Forward(MethodInfo method, object target, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}

/// <summary>Kestrel's IConnectionListener of a successor: accepts on its private socket until the gate opens, then on the shared one.</summary>
public class GatedListener : DispatchProxy
{
    private object shared = null!;
    private object own = null!;
    private SuccessorGate gate = null!;
    private MethodInfo accept = null!;
    private MethodInfo gatedAccept = null!;
    private int ownClosed;
    private volatile bool unbound;

    public static object Create(Type listenerInterface, object sharedListener, object privateListener, SuccessorGate gate)
    {
        var proxy = Create(listenerInterface, typeof(GatedListener));
        var self = (GatedListener)proxy;
        self.shared = sharedListener;
        self.own = privateListener;
        self.gate = gate;
        self.accept = listenerInterface.GetMethod("AcceptAsync")!;
        self.gatedAccept = typeof(GatedListener).GetMethod(nameof(AcceptGatedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
            .MakeGenericMethod(self.accept.ReturnType.GetGenericArguments()[0]);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name switch
        {
            "AcceptAsync" => gatedAccept.Invoke(this, [args is [CancellationToken c] ? c : default(CancellationToken)]),
            "UnbindAsync" or "DisposeAsync" => Both(targetMethod, args),
            // EndPoint and anything else: the shared listener's, which is the address the app serves.
            _ => GatedListenerFactory.Forward(targetMethod, shared, args),
        };
    }

    private async ValueTask<T?> AcceptGatedAsync<T>(CancellationToken cancel) where T : class
    {
        while (!gate.IsOpen && !unbound)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(cancel, gate.Opening);
            try
            {
                var connection = await (ValueTask<T?>)GatedListenerFactory.Forward(accept, own, [either.Token])!;
                if (connection is not null) return connection;
                // Null: the private listener was unbound — by Kestrel (this listener's end), or it failed (go on to the shared one).
                if (unbound) return null;
                break;
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                // The gate opened.
            }
        }
        if (unbound) return null;
        await CloseOwnAsync();
        return await (ValueTask<T?>)GatedListenerFactory.Forward(accept, shared, [cancel])!;
    }

    /// <summary>The private socket closes once the gate opened: the node listens on nothing it could not hand over.</summary>
    private async ValueTask CloseOwnAsync()
    {
        if (Interlocked.Exchange(ref ownClosed, 1) == 1) return;
        await ((IAsyncDisposable)own).DisposeAsync();
    }

    private async ValueTask Both(MethodInfo method, object?[]? args)
    {
        unbound = true;
        await (ValueTask)GatedListenerFactory.Forward(method, shared, args)!;
        if (Volatile.Read(ref ownClosed) == 0) await (ValueTask)GatedListenerFactory.Forward(method, own, args)!;
    }
}
