using System.Collections.Immutable;

namespace RelTool.Core.Build;

/// <summary>A successful publish: where the files are and what MSBuild said about them.</summary>
public sealed record PublishResult(
    string PublishDirectory,
    string AssemblyName,
    string ProjectVersion,
    string DepsFileName,
    string RuntimeConfigFileName,
    ImmutableArray<PublishedFileOrigin> Files,
    ImmutableArray<BuildDiagnostic> Warnings)
{
    /// <summary>With <see cref="PublishRequest.RestoreRuntimePacks"/>: one restored runtime pack per shared framework the app uses.</summary>
    public ImmutableArray<RuntimePack> RuntimePacks { get; init; } = [];

    /// <summary>With <see cref="PublishRequest.RestoreRuntimePacks"/>: the target's apphost from its Microsoft.NETCore.App.Host pack.</summary>
    public string? AppHostPath { get; init; }
}

/// <summary>A restored runtime pack (Microsoft.NETCore.App.Runtime.&lt;rid&gt;...): the shared framework it carries and its folder.</summary>
public sealed record RuntimePack(string FrameworkName, string PackageId, string Version, string RuntimeIdentifier, string Directory);

/// <summary>
/// One ResolvedFileToPublish item: its path relative to the publish folder and, when MSBuild knows it, the
/// NuGet package or referenced project it came from.
/// </summary>
public sealed record PublishedFileOrigin(string RelativePath, string? PackageId, string? PackageVersion, string? SourceProject);
