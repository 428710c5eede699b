using System.CommandLine;

namespace RelTool.Commands;

/// <summary>`reltool diff`. Work in progress: replaced by the work that owns this command.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var command = new Command("diff", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("reltool diff: not built yet");
            return 2;
        });
        return command;
    }
}
