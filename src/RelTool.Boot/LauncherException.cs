namespace RelTool.Boot;

/// <summary>A failure the launcher reports as one message and an exit code (no stack trace).</summary>
public sealed class LauncherException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
