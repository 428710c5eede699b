using System.CommandLine;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Appup;
using RelTool.Core.Releases;

namespace RelTool.Commands;

/// <summary>
/// `reltool appup OLD NEW [--root DIR] [--app APP] [-o DIR] [--appups DIR]`: the .appup of each application
/// whose version changed; hand-written ones (validated) replace generated ones.
/// </summary>
public static class AppupCommand
{
    public static Command Create()
    {
        var pair = new ReleasePairArguments();
        var app = new Option<string?>("--app") { Description = "Only this application" };
        var output = new Option<string?>("--output", "-o") { Description = "Write <App>.appup files into this directory instead of printing them" };
        var appups = new Option<string?>("--appups") { Description = "Hand-written appups: <DIR>/<App>/<From>-<To>.appup (the project's rel/appups)" };
        var command = new Command("appup", "Generate .appup upgrade instructions for the applications that changed between two releases");
        pair.AddTo(command);
        command.Options.Add(app);
        command.Options.Add(output);
        command.Options.Add(appups);
        command.SetAction(result =>
        {
            return pair.Compare(result, (old, @new, diff) =>
            {
                var only = result.GetValue(app);
                if (only is not null && !@new.Applications.Any(a => a.Name == only))
                    throw new ReleaseReadException($"the new release has no application {only}");
                foreach (var a in diff.Applications.Where(a => a.CodeChangedWithoutVersionBump && (only is null || a.Name == only)))
                    Console.Error.WriteLine($"reltool appup: warning: {a.Name} {a.NewVersion} changed but its version was not bumped: no appup, the upgrade will not load it");
                foreach (var w in diff.Warnings.Where(w => only is null || w.Application == only))
                    Console.Error.WriteLine($"reltool appup: warning: {w.Message}");
                var plans = AppupPlan.Build(diff, old, @new, result.GetValue(appups))
                    .Where(p => only is null || p.Application == only).ToList();
                Emit(plans, result.GetValue(output));
                return 0;
            });
        });
        return command;
    }

    private static void Emit(List<PlannedAppup> plans, string? outputDirectory)
    {
        if (plans.Count == 0) Console.Error.WriteLine("reltool appup: no application changed version: no appup");
        foreach (var plan in plans)
        {
            var origin = plan.SourcePath is null ? "generated" : "from " + plan.SourcePath;
            if (outputDirectory is null)
            {
                if (plans.Count > 1) Console.Out.Write($"%% {plan.FileName}: {plan.Application} {plan.OldVersion} -> {plan.NewVersion}, {origin}\n");
                Console.Out.Write(plan.Text);
                continue;
            }
            Directory.CreateDirectory(outputDirectory);
            var path = Path.Combine(outputDirectory, plan.FileName);
            RelTool.Formats.AtomicFile.WriteAllText(path, plan.Text);
            Console.Out.WriteLine($"{path} ({origin})");
        }
    }
}
