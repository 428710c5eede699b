using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;

namespace RelTool.Core.Upgrade;

/// <summary>What the relup translation needs of a <c>.rel</c> file.</summary>
public sealed record UpgradeRelease(string Name, string Vsn, string ErtsVsn, ImmutableArray<ReleaseApplication> Applications)
{
    /// <summary>Where the release was read from, for messages; empty when built in memory.</summary>
    public string Source { get; init; } = "";

    public static UpgradeRelease Of(RelFile rel, string source) =>
        new(rel.Name, rel.Version, rel.ErtsVersion, rel.Applications.Select(ReleaseApplication.Of).ToImmutableArray()) { Source = source };

    public ReleaseApplication? Find(string name) => Applications.FirstOrDefault(a => a.Name == name);
}

/// <summary>
/// One application of a release: name, version, start type (permanent when the .rel gives none) and,
/// when the .rel lists them, the included applications that override those of the .app.
/// </summary>
public sealed record ReleaseApplication(string Name, string Vsn, StartType Type = StartType.Permanent, ModuleList? IncludedApplications = null)
{
    public static ReleaseApplication Of(RelApplication app) =>
        new(app.Name, app.Version, app.EffectiveType, app.IncludedApplications is { } included ? ModuleList.Of(included) : null);
}
