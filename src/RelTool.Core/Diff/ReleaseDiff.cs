using System.Collections.Immutable;

namespace RelTool.Core.Diff;

/// <summary>What differs between two versions of a release.</summary>
/// <param name="Applications">Every application added, removed, changed or only re-versioned, by name (ordinal); unchanged ones are left out.</param>
/// <param name="UnchangedApplications">How many applications are in both with the same version and the same content.</param>
public sealed record ReleaseDiff(
    ReleaseIdentity Old,
    ReleaseIdentity New,
    ImmutableArray<AppDiff> Applications,
    int UnchangedApplications,
    ImmutableArray<StateShapeWarning> Warnings)
{
    public bool RuntimeChanged => Old.RuntimeVersion != New.RuntimeVersion;
    public bool HasChanges => RuntimeChanged || Applications.Length > 0;
}

public sealed record ReleaseIdentity(string Name, string Version, string RuntimeVersion);
