using System.CommandLine;

namespace RelTool.Commands;

/// <summary>`reltool release`. Work in progress: replaced by the work that owns this command.</summary>
public static class ReleaseCommand
{
    public static Command Create()
    {
        var command = new Command("release", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("reltool release: not built yet");
            return 2;
        });
        return command;
    }
}
