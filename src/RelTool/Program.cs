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
};
return await root.Parse(args).InvokeAsync();
