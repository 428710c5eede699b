using System.Collections.Immutable;

namespace RelTool.Core.Diff;

public enum AppStatus
{
    Added,
    Removed,
    /// <summary>Files or code differ (with or without a version change).</summary>
    Changed,
    /// <summary>The version changed, the content did not.</summary>
    VersionOnly,
}

/// <summary>One application's change. Versions are null on the side where the application is absent.</summary>
/// <param name="Files">Every file (relative path, '/') added, removed or changed, managed or not.</param>
/// <param name="Modules">The modules (assemblies at the top of the application directory) added, removed or changed.</param>
public sealed record AppDiff(
    string Name,
    string? OldVersion,
    string? NewVersion,
    AppStatus Status,
    ImmutableArray<FileChange> Files,
    ImmutableArray<ModuleDiff> Modules)
{
    public bool CodeChangedWithoutVersionBump => Status == AppStatus.Changed && OldVersion == NewVersion;
}

public sealed record FileChange(string Path, ChangeKind Kind);
