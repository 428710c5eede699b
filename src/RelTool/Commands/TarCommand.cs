using System.CommandLine;

namespace RelTool.Commands;

/// <summary>`reltool tar`. Work in progress: replaced by the work that owns this command.</summary>
public static class TarCommand
{
    public static Command Create()
    {
        var command = new Command("tar", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("reltool tar: not built yet");
            return 2;
        });
        return command;
    }
}
