using System.CommandLine;
using System.Collections.Immutable;
using RelTool.Core.Upgrade;
using RelTool.Formats;
using RelTool.Formats.Layout;

namespace RelTool.Commands;

/// <summary>`reltool relup NEW.rel --from OLD.rel ... --path DIR ...`: systools:make_relup for reltool and OTP layouts.</summary>
public static class RelupCommand
{
    public static Command Create()
    {
        var newRel = new Argument<string>("new-rel") { Description = "The .rel file of the release upgraded to." }.NoOptionLike();
        var from = new Option<string[]>("--from") { Description = "A .rel file of a release upgraded from and downgraded to (repeat for several).", Required = true };
        var path = new Option<string[]>("--path") { Description = "Where .app/.appup files are: DIR or a pattern such as 'lib/*/ebin' (OTP) or 'lib/*' (reltool); repeatable." };
        var output = new Option<string?>("--output", "-o") { Description = "Directory to write relup to (default: the directory of NEW.rel)." };
        var restartEmulator = new Option<bool>("--restart-emulator") { Description = "Restart the runtime at the end of every script (systools' restart_emulator option)." };
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Fail, writing nothing, when there is any warning." };
        var json = new Option<bool>("--json") { Description = "Print the relup as JSON on stdout (see docs/relup-json.md)." };
        var command = new Command("relup", "Generate releases/<Vsn>/relup from .rel, .app and .appup files, exactly as OTP's systools:make_relup does.")
        {
            newRel, from, path, output, restartEmulator, warningsAsErrors, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var newRelFile = parse.GetRequiredValue(newRel);
            var dirs = SearchPath.Expand(parse.GetValue(path) ?? []);
            var catalog = RelupSources.ReadCatalog(dirs, out var problems);
            var bases = (parse.GetValue(from) ?? []).Select(f => new RelupBase(RelupSources.ReadRelease(f))).ToImmutableArray();
            var request = new RelupRequest(RelupSources.ReadRelease(newRelFile), bases, bases, catalog,
                new RelupOptions(parse.GetValue(restartEmulator), parse.GetValue(warningsAsErrors)));
            RelupResult result;
            try
            {
                result = RelupGenerator.Generate(request);
            }
            catch (RelupException) when (problems.Length > 0)
            {
                // What was skipped may be why: said before the error, which Program prints.
                foreach (var problem in problems) stderr.WriteLine($"reltool relup: skipped {problem}");
                throw;
            }
            var outDir = parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(newRelFile))!;
            var file = Path.GetFullPath(Path.Combine(outDir, ReleaseLayout.RelupFileName));
            AtomicFile.WriteAllText(file, result.Relup.Format());
            foreach (var warning in result.Warnings) stderr.WriteLine($"reltool relup: warning ({warning.Name}): {warning.Message}");
            if (parse.GetValue(json)) stdout.WriteLine(RelupJson.Write(result, file));
            else stdout.WriteLine($"wrote {file}: {request.NewRelease.Vsn} up from {Versions(result.Relup.Up.Select(e => e.Vsn))}, down to {Versions(result.Relup.Down.Select(e => e.Vsn))}");
            return 0;
        });
        return command;
    }

    private static string Versions(IEnumerable<string> versions) => string.Join(", ", versions);
}
