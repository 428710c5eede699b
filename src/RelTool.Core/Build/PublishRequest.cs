using System.Collections.Immutable;

namespace RelTool.Core.Build;

/// <summary>What to publish and how. <see cref="Properties"/> are extra MSBuild global properties; the release rules win over them.</summary>
public sealed record PublishRequest(
    string ProjectPath,
    string Configuration,
    string RuntimeIdentifier,
    string PublishDirectory,
    ImmutableDictionary<string, string> Properties);
