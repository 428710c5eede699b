namespace RelTool.Runtime.Hosting;

/// <summary>
/// The launcher's release handler, plugged into the <see cref="Node"/> so that code inside the node (a control
/// connection, an admin server) can ask for a release to be installed by running its relup.
/// </summary>
public interface IReleaseHandler
{
    Task InstallAsync(Node node, string version, CancellationToken cancel);
}
