using System.CommandLine;
using RelTool.Commands;

var inspect = InspectCommand.Create();
var root = new RootCommand("reltool: Erlang/OTP-style releases for .NET — build versioned, self-contained releases, generate appup/relup upgrade instructions, and run them with a launcher.")
{
    InitCommand.Create(),
    ReleaseCommand.Create(),
    RelupCommand.Create(),
    TarCommand.Create(),
    DiffCommand.Create(),
    AppupCommand.Create(),
    inspect,
};
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync();
// `reltool inspect` exits 1 when it finds problems, so its usage errors exit 2 (docs/inspect.md).
return parsed.Errors.Count > 0 && parsed.CommandResult.Command == inspect ? InspectCommand.UsageErrorExitCode : exitCode;
