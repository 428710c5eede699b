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

    /// <summary>
    /// The runtime patch level to build against (RuntimeFrameworkVersion), <see cref="LatestPatch"/> for the newest
    /// this SDK knows (TargetLatestRuntimePatch), or null for the SDK's default.
    /// </summary>
    public string? RuntimeVersion { get; init; }

    /// <summary>
    /// Also restore the target's runtime packs and apphost pack, as a self-contained publish for <see cref="RuntimeIdentifier"/>
    /// would, and return where they are (<see cref="PublishResult.RuntimePacks"/>). The app itself is still published
    /// framework-dependent: runtime/ is laid out from the packs, not from the publish folder.
    /// </summary>
    public bool RestoreRuntimePacks { get; init; }

    public const string LatestPatch = "latest-patch";
}
