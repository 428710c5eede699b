using System.CommandLine;
using RelTool.Core.Diff.Release;
using RelTool.Core.Inspect;
using RelTool.Core.Inspect.Output;

namespace RelTool.Commands;

/// <summary>
/// `reltool inspect DIR|TARBALL [--version V] [--json]`: what a release holds and whether it is sound (docs/inspect.md).
/// Exit 0 when read without problems, 1 when problems were found or the input cannot be read, 2 on a usage error.
/// </summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("DIR|TARBALL") { Description = "A release directory (e.g. _build/rel/<name>) or a .tar.gz made by `reltool release`" };
        var version = new Option<string?>("--version") { Description = "The release to inspect (default: the one releases/start_erl.data names)" };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines (see docs/inspect.md) instead of text" };
        var command = new Command("inspect", "Show what a release directory or tarball holds and check that it is sound, without running it")
        {
            input, version, json,
        };
        command.SetAction(parse =>
        {
            Inspection inspection;
            try
            {
                inspection = ReleaseInspection.Run(parse.GetValue(input)!, parse.GetValue(version));
            }
            catch (ReleaseReadException e)
            {
                Console.Error.WriteLine($"reltool inspect: {e.Message}");
                return 1;
            }
            Console.Out.Write(parse.GetValue(json) ? InspectJson.Format(inspection) : InspectText.Format(inspection));
            return inspection.Ok ? 0 : 1;
        });
        return command;
    }
}
