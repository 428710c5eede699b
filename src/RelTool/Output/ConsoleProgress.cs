using RelTool.Core.Build;
using RelTool.Core.Release;

namespace RelTool.Output;

/// <summary>
/// Progress on stderr: one status line rewritten in place on a terminal, plain lines when stderr is redirected.
/// MSBuild diagnostics are always printed as lines, in MSBuild's words.
/// </summary>
public sealed class ConsoleProgress(TextWriter error, bool interactive) : IReleaseProgress
{
    private int statusWidth;

    public static ConsoleProgress ForConsole() => new(Console.Error, !Console.IsErrorRedirected);

    public void Step(string description)
    {
        if (!interactive)
        {
            error.WriteLine($"reltool: {description}");
            return;
        }
        var line = $"reltool: {description}...";
        error.Write("\r" + line.PadRight(statusWidth));
        statusWidth = line.Length;
    }

    public void Diagnostic(BuildDiagnostic diagnostic)
    {
        ClearStatus();
        error.WriteLine(diagnostic.ToString());
    }

    /// <summary>Ends the status line so that what follows starts on a clean line.</summary>
    public void ClearStatus()
    {
        if (!interactive || statusWidth == 0) return;
        error.Write("\r" + new string(' ', statusWidth) + "\r");
        statusWidth = 0;
    }
}
