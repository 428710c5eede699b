using System.Collections.Immutable;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;

namespace RelTool.Core.Upgrade;

/// <summary>An application of a resolved release: its manifest (uses and includes as systools adjusts them), its start type from the .rel, and where it was found.</summary>
public sealed record ResolvedApplication(UpgradeApplication Manifest, StartType Type, ApplicationVersion Source)
{
    public string Name => Manifest.Name;
    public string Vsn => Manifest.Vsn;
    public ModuleList Modules => Manifest.Modules;
}

/// <summary>A release with its applications read and sorted by their dependencies (systools_make:get_release).</summary>
public sealed record ResolvedRelease(UpgradeRelease Release, ImmutableArray<ResolvedApplication> Applications)
{
    public ResolvedApplication? Find(string name) => Applications.FirstOrDefault(a => a.Name == name);
}
