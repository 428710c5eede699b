using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>
/// Apps/Notes: a CLI on System.CommandLine, Spectre.Console, Newtonsoft.Json, YamlDotNet, Humanizer (satellite
/// assemblies in ~40 culture folders) and SQLite, released once — and published once with `dotnet publish`, to compare.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NotesCliRelease : RealAppRelease
{
    public NotesCliRelease() : base("Notes", "Notes.Cli")
    {
        PublishDir = Path.Combine(WorkDir, "publish");
        Publisher.Publish(Path.Combine(ProjectDir, "Notes.Cli.csproj"), PublishDir);
    }

    public string PublishDir { get; }
}
