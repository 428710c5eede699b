using System.CommandLine;

namespace RelTool.Commands;

/// <summary>`reltool init`. Work in progress: replaced by the work that owns this command.</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "(not built yet)");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("reltool init: not built yet");
            return 2;
        });
        return command;
    }
}
