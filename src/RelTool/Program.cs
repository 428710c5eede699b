using System.CommandLine;
using System.CommandLine.Parsing;
using RelTool.Commands;
using RelTool.Formats;

namespace RelTool;

/// <summary>
/// The `reltool` command line and its one error handler: every command's failure is printed here, on one line with
/// one prefix (<see cref="ErrorPrefix"/>): <c>reltool: error: what (file:line:column); what to do</c>, exit 1; a
/// command line that breaks a rule (System.CommandLine's own or a validator in <see cref="CommandLineRules"/>) is
/// <c>reltool: error: ...</c> then the command's usage on stderr, exit 2. Commands throw; they print no errors.
/// </summary>
public static class Program
{
    public const string ErrorPrefix = "reltool: error: ";

    /// <summary>A command's own failure (inspect: problems found); the message on stderr says why.</summary>
    public const int FailureExitCode = 1;

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static RootCommand CreateRoot() => new("reltool: Erlang/OTP-style releases for .NET — build versioned, self-contained releases, generate appup/relup upgrade instructions, and run them with a launcher.")
    {
        InitCommand.Create(),
        ReleaseCommand.Create(),
        RelupCommand.Create(),
        TarCommand.Create(),
        DiffCommand.Create(),
        AppupCommand.Create(),
        InspectCommand.Create(),
        KeygenCommand.Create(),
    };

    /// <summary>Runs one command line; <paramref name="stdout"/> and <paramref name="stderr"/> are the invocation's
    /// writers (commands that write JSON or progress use the console's).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CreateRoot().Parse(args);
        if (parsed.Errors.Count > 0) return Usage(parsed, stderr);
        try
        {
            // Exceptions reach the handler below instead of System.CommandLine's, which prints a stack trace.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (e is RelToolException failure)
                foreach (var line in failure.Details) stderr.WriteLine(line);
            stderr.WriteLine(ErrorPrefix + MessageOf(e));
            return FailureExitCode;
        }
    }

    /// <summary>One line for a failure: what, where (file:line:column) when a file is to blame, and what to do.</summary>
    public static string MessageOf(Exception e) => e switch
    {
        RelToolException r => r.Problem + (r.Location is { } location ? $" ({location})" : "") + (r.Fix is { } fix ? $"; {fix}" : ""),
        // Whatever the user's machine causes (a full disk, a read-only folder, a path too long, a damaged file).
        IOException or UnauthorizedAccessException or FormatException => e.Message,
        // Not a failure the user caused: still one line, with the exception's type so that it can be reported.
        _ => $"{e.Message} ({e.GetType().Name}); please report this",
    };

    /// <summary>Every parse error with the one prefix, then the usage of the command that was meant; exit 2.</summary>
    private static int Usage(ParseResult parsed, TextWriter stderr)
    {
        foreach (var error in parsed.Errors) stderr.WriteLine(ErrorPrefix + error.Message);
        stderr.WriteLine();
        parsed.RootCommandResult.Command.Parse([.. CommandPath(parsed.CommandResult), "--help"]).Invoke(new InvocationConfiguration { Output = stderr });
        return CommandLineRules.UsageExitCode;
    }

    private static IEnumerable<string> CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? [.. CommandPath(parent), result.Command.Name] : [];
}
