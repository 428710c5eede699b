using System.CommandLine;
using RelTool.Core.Inspect;
using RelTool.Core.Inspect.Output;

namespace RelTool.Commands;

/// <summary>
/// `reltool inspect DIR|TARBALL [--version V] [--key PUB] [--json]`: what a release holds and whether it is sound (docs/inspect.md).
/// Exit 0 when read without problems, 1 when problems were found or the input cannot be read, 2 on a usage error.
/// </summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("DIR|TARBALL") { Description = "A release directory (e.g. _build/rel/<name>) or a .tar.gz made by `reltool release`" }.NoOptionLike();
        var version = new Option<string?>("--version") { Description = "The release to inspect (default: the one releases/start_erl.data names)" };
        var key = new Option<string?>("--key") { Description = "Public key (.pub from `reltool keygen`): verify the tarball's .sig, or a directory's releases/<V>/SHA256SUMS.sig, with it; a missing or bad signature is a problem" };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines (see docs/inspect.md) instead of text" };
        var command = new Command("inspect", "Show what a release directory or tarball holds and check that it is sound, without running it")
        {
            input, version, key, json,
        };
        command.SetAction(parse =>
        {
            var inspection = ReleaseInspection.Run(parse.GetValue(input)!, parse.GetValue(version), parse.GetValue(key));
            Console.Out.Write(parse.GetValue(json) ? InspectJson.Format(inspection) : InspectText.Format(inspection));
            return inspection.Ok ? 0 : 1;
        });
        return command;
    }
}
