using System.CommandLine;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Output;
using RelTool.Core.Releases;

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
            try
            {
                Console.Out.Write(pair.Compare(result, (_, _, diff) => result.GetValue(json) ? DiffJson.Format(diff) : DiffText.Format(diff)));
                return 0;
            }
            catch (ReleaseReadException e)
            {
                Console.Error.WriteLine($"reltool diff: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
