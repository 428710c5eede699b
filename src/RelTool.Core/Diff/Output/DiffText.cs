using System.Text;

namespace RelTool.Core.Diff.Output;

/// <summary>
/// The plain text form of a <see cref="ReleaseDiff"/>, for people; stable (sorted, no timings, no absolute
/// paths) so that it can be compared in CI. The format is described in docs/diff.md.
/// </summary>
public static class DiffText
{
    public static string Format(ReleaseDiff diff)
    {
        var text = new StringBuilder();
        text.Append($"release {diff.Old.Name} {diff.Old.Version} -> {diff.New.Name} {diff.New.Version}\n");
        text.Append(diff.RuntimeChanged
            ? $"runtime {diff.Old.RuntimeVersion} -> {diff.New.RuntimeVersion}\n"
            : $"runtime {diff.New.RuntimeVersion} (unchanged)\n");
        var count = (AppStatus s) => diff.Applications.Count(a => a.Status == s);
        text.Append($"applications: {count(AppStatus.Added)} added, {count(AppStatus.Removed)} removed, " +
                    $"{count(AppStatus.Changed)} changed, {count(AppStatus.VersionOnly)} version only, {diff.UnchangedApplications} unchanged\n");
        foreach (var app in diff.Applications) AppendApp(text, app);
        foreach (var warning in diff.Warnings) text.Append("warning: ").Append(warning.Message).Append('\n');
        return text.ToString();
    }

    private static void AppendApp(StringBuilder text, AppDiff app)
    {
        switch (app.Status)
        {
            case AppStatus.Added: text.Append($"+ {app.Name} {app.NewVersion}\n"); return;
            case AppStatus.Removed: text.Append($"- {app.Name} {app.OldVersion}\n"); return;
            case AppStatus.VersionOnly: text.Append($"= {app.Name} {app.OldVersion} -> {app.NewVersion} (version only, no code change)\n"); return;
        }
        text.Append($"~ {app.Name} {app.OldVersion} -> {app.NewVersion}")
            .Append(app.CodeChangedWithoutVersionBump ? " (changed but version not bumped)\n" : "\n");
        var modules = app.Modules.ToDictionary(m => (m.New ?? m.Old)!.Path, StringComparer.Ordinal);
        foreach (var file in app.Files)
        {
            text.Append("    ").Append(Sign(file.Kind)).Append(' ').Append(file.Path);
            if (modules.TryGetValue(file.Path, out var module))
            {
                text.Append($" (module {module.Name})\n");
                if (module.Details is not null) AppendDetails(text, module.Details);
            }
            else text.Append('\n');
        }
    }

    private static void AppendDetails(StringBuilder text, AssemblyChanges details)
    {
        var methodsByType = details.Methods.ToLookup(m => m.Type);
        foreach (var type in details.Types)
        {
            text.Append("        ").Append(Sign(type.Kind)).Append(" type ").Append(type.Type).Append('\n');
            foreach (var method in methodsByType[type.Type])
            {
                text.Append("            ").Append(Sign(method.Kind)).Append(' ').Append(method.Method);
                if (method.Kind == ChangeKind.Changed)
                    text.Append(method switch
                    {
                        { SignatureChanged: true, BodyChanged: true } => " [signature, body]",
                        { SignatureChanged: true } => " [signature]",
                        _ => " [body]",
                    });
                text.Append('\n');
            }
        }
    }

    private static char Sign(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => '+',
        ChangeKind.Removed => '-',
        _ => '~',
    };
}
