using RelTool.Formats;

namespace RelTool.Boot;

/// <summary>A failure the launcher reports as one message and an exit code (no stack trace); the other
/// <see cref="RelToolException"/>s exit <see cref="ExitCodes.Failure"/>.</summary>
public sealed class LauncherException(int exitCode, string message) : RelToolException(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>What the launcher prints before every failure's message (<see cref="Report"/>).</summary>
    public const string Prefix = "error: ";

    /// <summary>
    /// The launcher's own failures and whatever else a user can cause (an unreadable file, a full disk, a read-only
    /// folder, a damaged manifest): reported as one line, never a stack trace.
    /// </summary>
    public static bool IsReported(Exception e) =>
        e is RelToolException or IOException or UnauthorizedAccessException or FormatException or ArgumentException;

    /// <summary>Prints the one line to stderr; returns the exit code.</summary>
    public static int Report(Exception e)
    {
        Console.Error.WriteLine($"{Prefix}{e.Message}");
        return e is LauncherException launcher ? launcher.ExitCode : ExitCodes.Failure;
    }
}
