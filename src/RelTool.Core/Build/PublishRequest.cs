using System.Collections.Immutable;

namespace RelTool.Core.Build;

/// <summary>What to publish and how. <see cref="Properties"/> are extra MSBuild global properties; the release rules win over them.</summary>
public sealed record PublishRequest(
    string ProjectPath,
    string Configuration,
    string RuntimeIdentifier,
    string PublishDirectory,
    ImmutableDictionary<string, string> Properties)
{
    /// <summary>
    /// Folders the build must not pick up as items (Content, None, Compile...): the release output when it lies inside the
    /// project folder, where the Web and Worker SDKs' `**/*.json` globs would otherwise publish the previous release again.
    /// </summary>
    public ImmutableArray<string> ExcludedDirectories { get; init; } = [];
}
