namespace RelTool.Core.Layout;

/// <summary>The host's roll-forward policies (runtimeconfig.json `rollForward`).</summary>
public enum RollForwardPolicy { Disable, LatestPatch, Minor, LatestMinor, Major, LatestMajor }

public static class RollForwardPolicies
{
    public static RollForwardPolicy Parse(string? value) =>
        value is null ? RollForwardPolicy.Minor
        : Enum.TryParse<RollForwardPolicy>(value, ignoreCase: true, out var policy) ? policy
        : throw new FormatException($"unknown rollForward '{value}'; valid: {string.Join(", ", Enum.GetNames<RollForwardPolicy>())}");

    /// <summary>
    /// The installed version the host would pick for <paramref name="requested"/>, as hostfxr does: the closest
    /// major.minor the policy allows (the latest with Latest*), then its latest patch (except Disable); release
    /// versions only, unless the request is a prerelease. Null when none fits.
    /// </summary>
    public static string? Resolve(string requested, RollForwardPolicy policy, IEnumerable<string> installed)
    {
        var want = FrameworkVersion.Parse(requested);
        var candidates = installed.Select(FrameworkVersion.TryParse).OfType<FrameworkVersion>()
            .Where(v => want.IsPrerelease || !v.IsPrerelease)
            .Where(v => v.CompareTo(want) >= 0)
            .ToList();
        if (policy == RollForwardPolicy.Disable) return candidates.FirstOrDefault(v => v.CompareTo(want) == 0)?.Text;

        var allowed = candidates.Where(v => policy switch
        {
            RollForwardPolicy.LatestPatch => v.Major == want.Major && v.Minor == want.Minor,
            RollForwardPolicy.Minor or RollForwardPolicy.LatestMinor => v.Major == want.Major,
            _ => true,
        }).ToList();
        if (allowed.Count == 0) return null;

        (int Major, int Minor) band = policy switch
        {
            RollForwardPolicy.LatestMajor => allowed.Select(v => (v.Major, v.Minor)).Max(),
            RollForwardPolicy.LatestMinor => allowed.Where(v => v.Major == want.Major).Select(v => (v.Major, v.Minor)).Max(),
            _ when allowed.Any(v => v.Major == want.Major && v.Minor == want.Minor) => (want.Major, want.Minor),
            RollForwardPolicy.Major when !allowed.Any(v => v.Major == want.Major) => allowed.Select(v => (v.Major, v.Minor)).Min(),
            _ => allowed.Where(v => v.Major == want.Major).Select(v => (v.Major, v.Minor)).DefaultIfEmpty((-1, -1)).Min(),
        };
        return allowed.Where(v => v.Major == band.Major && v.Minor == band.Minor).Max()?.Text;
    }
}
