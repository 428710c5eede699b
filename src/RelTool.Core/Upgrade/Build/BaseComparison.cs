using RelTool.Core.Diff;
using RelTool.Core.Releases;

namespace RelTool.Core.Upgrade.Build;

/// <summary>One base release of an upgrade build, read from the output, and its diff against the staged release.</summary>
public sealed record BaseComparison(UpgradeBase From, ReleaseSnapshot Old, ReleaseDiff Diff);
