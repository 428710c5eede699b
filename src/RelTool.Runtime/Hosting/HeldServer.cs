using System.Reflection;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// A server its own worker holds suspended (<see cref="NodeHosting"/>'s <c>RunSuspendedAsync</c>): between two of its
/// messages, on its own thread, so its code can change with no hand-off to another thread.
/// </summary>
public sealed class HeldServer
{
    private readonly ServerProcess process;

    internal HeldServer(ServerRef server, ServerProcess process)
    {
        Server = server;
        this.process = process;
    }

    public ServerRef Server { get; }

    /// <summary>
    /// <c>sys:change_code</c> to the type of the same full name in <paramref name="newCode"/>; a failure leaves the old
    /// code and state in place and is in the result, as with <c>ChangeCodeAsync</c>.
    /// </summary>
    public ServerCodeChange ChangeCode(Assembly newCode, OldVsn oldVsn, object? extra)
    {
        var oldType = process.ImplementationType?.FullName ?? "(exited)";
        try
        {
            var next = CodeSwap.CreateImplementation(newCode, oldType);
            process.ChangeCode(next, oldVsn, extra);
            return new ServerCodeChange(Server, oldType, next.GetType().FullName, null);
        }
        catch (Exception error)
        {
            return new ServerCodeChange(Server, oldType, null, error);
        }
    }
}
