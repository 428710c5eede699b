using System.CommandLine;
using RelTool.Commands;

var root = new RootCommand("reltool: Erlang/OTP-style releases for .NET — build versioned, self-contained releases, generate appup/relup upgrade instructions, and run them with a launcher.")
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
var parsed = root.Parse(args);
int exitCode;
try
{
    // Exceptions reach the handler below instead of System.CommandLine's, which prints a stack trace.
    exitCode = await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Whatever a command did not report itself (a full disk, a read-only folder, a path too long, a damaged file):
    // one line naming the command, no trace.
    var command = parsed.CommandResult.Command is RootCommand ? "reltool" : $"reltool {parsed.CommandResult.Command.Name}";
    Console.Error.WriteLine($"{command}: error: {UnhandledMessage(e)}");
    return e is UsageException ? UsageError.ExitCode : 1;
}
// Usage errors exit 2 on every command, as bin/<name> does: 1 is a command's own failure (inspect: problems found).
return parsed.Errors.Count > 0 ? UsageError.ExitCode : exitCode;

static string UnhandledMessage(Exception e) => e switch
{
    UsageException u => u.Message,
    IOException or UnauthorizedAccessException or FormatException => e.Message,
    // Not a failure the user caused: still one line, with the exception's type so that it can be reported.
    _ => $"{e.Message} ({e.GetType().Name}); please report this",
};
