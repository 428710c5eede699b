using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;

namespace RelTool.Core.Layout.Manifests;

/// <summary>
/// lib/&lt;App&gt;-&lt;Vsn&gt;/&lt;App&gt;.app of a packaged application, as an <see cref="AppFile"/>:
/// <c>{application,'App',[{description,..},{vsn,..},{modules,[..]},{registered,[]},{applications,[..]},{mod,{'App',[]}}]}.</c>
/// (mod only for the entry application).
/// </summary>
public static class AppManifest
{
    public static AppFile ToAppFile(PackagedApplication application) => new(application.Name, application.Version)
    {
        Description = Description(application),
        Modules = application.Modules,
        Applications = application.Dependencies,
        Mod = application.IsEntry ? new AppCallback(application.Name, Erl.Nil) : null,
    };

    public static string Format(PackagedApplication application) => ToAppFile(application).Format();

    private static string Description(PackagedApplication application) => application.Kind switch
    {
        ApplicationKind.Project => $"{application.Name} (project)",
        ApplicationKind.Package => $"{application.Name} (NuGet package)",
        _ => $"{application.Name} (reltool launcher)",
    };
}
