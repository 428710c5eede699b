using RelTool.Core.Build;
using RelTool.Core.Layout;

namespace RelTool.Core.Config;

/// <summary>What runtime_version accepts: a runtime patch level such as 10.0.12 (or a prerelease of one), or latest-patch.</summary>
public static class RuntimeVersions
{
    public const string Rule = $"must be a runtime version with its patch level (10.0.12) or {PublishRequest.LatestPatch}";

    public static bool IsValid(string value) =>
        value == PublishRequest.LatestPatch || (value.Split('-')[0].Split('.').Length == 3 && FrameworkVersion.TryParse(value) is not null);
}
