using System.CommandLine;

namespace RelTool.Commands;

/// <summary>`reltool appup`. Work in progress: replaced by the work that owns this command.</summary>
public static class AppupCommand
{
    public static Command Create()
    {
        var command = new Command("appup", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("reltool appup: not built yet");
            return 2;
        });
        return command;
    }
}
