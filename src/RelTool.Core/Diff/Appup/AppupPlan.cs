using System.Collections.Immutable;
using RelTool.Core.Releases;

namespace RelTool.Core.Diff.Appup;

/// <summary>The appup to use for one application: a validated hand-written file, or the generated one.</summary>
/// <param name="SourcePath">The hand-written file; null when generated.</param>
/// <param name="Generated">The generated appup; null when hand-written.</param>
public sealed record PlannedAppup(string Application, string OldVersion, string NewVersion, string Text, string? SourcePath, GeneratedAppup? Generated)
{
    public string FileName => Application + ".appup";
}

/// <summary>Decides the appup of every application whose version changed between two releases.</summary>
public static class AppupPlan
{
    /// <param name="appupsDirectory">The project's rel/appups (hand-written appups by application), or null.</param>
    /// <exception cref="AppupValidationException">A hand-written appup is not valid.</exception>
    public static ImmutableArray<PlannedAppup> Build(ReleaseDiff diff, ReleaseSnapshot old, ReleaseSnapshot @new, string? appupsDirectory)
    {
        var oldApps = old.Applications.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var newApps = @new.Applications.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var plans = ImmutableArray.CreateBuilder<PlannedAppup>();
        foreach (var app in diff.Applications.Where(AppupGenerator.NeedsAppup))
        {
            var oldApp = oldApps[app.Name];
            var newApp = newApps[app.Name];
            var handWritten = HandWrittenAppup.Find(appupsDirectory, app.Name, newApp.Directory, oldApp.Version, newApp.Version);
            if (handWritten is not null)
            {
                var modules = oldApp.Modules.Union(newApp.Modules).ToHashSet(StringComparer.Ordinal);
                var text = HandWrittenAppup.Validate(handWritten, oldApp.Version, newApp.Version, modules);
                plans.Add(new PlannedAppup(app.Name, oldApp.Version, newApp.Version, text, handWritten, null));
                continue;
            }
            var generated = AppupGenerator.Generate(diff, app);
            plans.Add(new PlannedAppup(app.Name, oldApp.Version, newApp.Version, generated.ToText(), null, generated));
        }
        return plans.ToImmutable();
    }
}
