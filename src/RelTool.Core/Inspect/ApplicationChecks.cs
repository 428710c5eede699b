using System.Collections.Immutable;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Inspect;

/// <summary>Each application of the .rel: its lib/&lt;App&gt;-&lt;Vsn&gt;/ (files, size), its .app (modules, and that it is the
/// application and version the .rel names) and whether it has an appup.</summary>
internal static class ApplicationChecks
{
    public static ImmutableArray<InspectedApplication> Inspect(InspectContext context, string relPath, RelFile rel) =>
        rel.Applications.Select(a => Inspect(context, relPath, a)).ToImmutableArray();

    private static InspectedApplication Inspect(InspectContext context, string relPath, RelApplication app)
    {
        var files = context.Files;
        var libDir = ReleaseLayout.LibDirPath(app.Name, app.Version);
        var present = files.HasDirectory(libDir);
        var listed = $"{relPath} lists {app.Name} {app.Version}";
        if (!present && context.AbsenceIsKnown && !context.InstalledPartsMayBeAbsent)
            context.Problem(libDir + "/", "missing; " + listed);
        var (count, bytes) = files.Measure(libDir);
        int? modules = null;
        if (present)
        {
            var appPath = $"{libDir}/{app.Name}.app";
            var text = context.Text(appPath, listed);
            if (text is not null && context.Parse(appPath, () => AppFile.Parse(text, appPath)) is { } appFile)
            {
                modules = appFile.Modules.Length;
                if (appFile.Name != app.Name)
                    context.Problem(appPath, $"names application {appFile.Name}, but {listed}");
                if (appFile.Version != app.Version)
                    context.Problem(appPath, $"vsn \"{appFile.Version}\" differs from the .rel: {listed}");
            }
        }
        return new InspectedApplication(app.Name, app.Version, libDir, present, count, bytes, modules, files.HasFile($"{libDir}/{app.Name}.appup"));
    }
}
