using System.Reflection;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// A server its own worker holds suspended (<see cref="NodeHosting"/>'s <c>RunSuspendedAsync</c>): between two of its
/// messages, on its own thread, so its code can change with no hand-off to another thread.
/// </summary>
public sealed class HeldServer
{
    private readonly Node node;
    private readonly ServerProcess process;

    internal HeldServer(Node node, ServerRef server, ServerProcess process)
    {
        this.node = node;
        Server = server;
        this.process = process;
    }

    public ServerRef Server { get; }

    /// <summary>
    /// <c>sys:change_code</c> to the type of the same full name in <paramref name="newCode"/>, which becomes the current
    /// code for its name (the application callbacks it holds move to it), as with <c>ChangeCodeAsync</c>; a failure
    /// leaves the server's old code and state in place and is in the result.
    /// </summary>
    public ServerCodeChange ChangeCode(Assembly newCode, OldVsn oldVsn, object? extra)
    {
        node.LoadCode(newCode);
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
