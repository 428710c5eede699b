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
var exitCode = await parsed.InvokeAsync();
// Usage errors exit 2 on every command, as bin/<name> does: 1 is a command's own failure (inspect: problems found).
return parsed.Errors.Count > 0 ? UsageError.ExitCode : exitCode;
