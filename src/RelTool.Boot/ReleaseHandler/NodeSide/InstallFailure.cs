using RelTool.Formats;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// An install that failed. Before the point of no return nothing was changed. After it, a failure the runner could
/// undo (a code change that failed in every server it touched) leaves the old code running; any other failure
/// needs a restart into the permanent release (<see cref="NeedsRestart"/>).
/// </summary>
public sealed class InstallFailure(string message, bool needsRestart, Exception? inner = null) : RelToolException(message, inner: inner)
{
    public bool NeedsRestart { get; } = needsRestart;
}
