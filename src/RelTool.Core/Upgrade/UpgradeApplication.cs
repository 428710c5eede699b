using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>What the relup translation needs of an <c>App.app</c> file.</summary>
public sealed record UpgradeApplication(
    string Name,
    string Vsn,
    ModuleList Modules,
    ModuleList Applications,
    ModuleList? OptionalApplications = null,
    ModuleList? IncludedApplications = null)
{
    public ModuleList OptionalApplications { get; init; } = OptionalApplications ?? ModuleList.Empty;
    public ModuleList IncludedApplications { get; init; } = IncludedApplications ?? ModuleList.Empty;

    public static UpgradeApplication Of(AppFile app) => new(app.Name, app.Version, ModuleList.Of(app.Modules), ModuleList.Of(app.Applications),
        ModuleList.Of(app.OptionalApplications), ModuleList.Of(app.IncludedApplications));
}

/// <summary>The appup term found beside an application's .app (read lazily by the translation, as systools does), or why it could not be read.</summary>
public sealed record AppupSource(string File, Term? Term, string? Problem = null)
{
    public static AppupSource Of(string file, Term term) => new(file, term);
    public static AppupSource Unreadable(string file, string problem) => new(file, null, problem);
}

/// <summary>One version of an application known to the translation: its manifest, its appup if any, and where it was found.</summary>
public sealed record ApplicationVersion(UpgradeApplication Manifest, AppupSource? Appup, string Location = "");
