using System.CommandLine;

namespace RelTool.Commands;

/// <summary>`reltool relup`. Work in progress: replaced by the work that owns this command.</summary>
public static class RelupCommand
{
    public static Command Create()
    {
        var command = new Command("relup", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("reltool relup: not built yet");
            return 2;
        });
        return command;
    }
}
