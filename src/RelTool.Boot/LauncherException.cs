using RelTool.Formats;

namespace RelTool.Boot;

/// <summary>A failure the launcher reports as one message and an exit code (no stack trace); the other
/// <see cref="RelToolException"/>s exit <see cref="ExitCodes.Failure"/>.</summary>
public sealed class LauncherException(int exitCode, string message) : RelToolException(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>What the launcher prints before every failure's message (src/RelTool.Boot/Program.cs).</summary>
    public const string Prefix = "error: ";
}
