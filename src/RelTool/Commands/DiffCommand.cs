using System.CommandLine;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Output;

namespace RelTool.Commands;

/// <summary>`reltool diff OLD NEW [--root DIR] [--json]`: what changed between two releases. Exit 0 with or without changes.</summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var pair = new ReleasePairArguments();
        var json = new Option<bool>("--json") { Description = "Print JSON for machines (see docs/diff.md) instead of text" };
        var command = new Command("diff", "Show the applications, files, types and methods that differ between two releases");
        pair.AddTo(command);
        command.Options.Add(json);
        command.SetAction(result =>
        {
            Console.Out.Write(pair.Compare(result, (_, _, diff) => result.GetValue(json) ? DiffJson.Format(diff) : DiffText.Format(diff)));
            return 0;
        });
        return command;
    }
}
