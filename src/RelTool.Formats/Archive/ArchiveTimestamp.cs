using System.Globalization;

namespace RelTool.Formats.Archive;

/// <summary>The one modification time stamped on every entry, so that the output does not depend on when files were built.</summary>
public static class ArchiveTimestamp
{
    /// <summary>1980-01-01T00:00:00Z, the DOS/zip epoch that other reproducible-build tools also fall back to.</summary>
    public static readonly DateTimeOffset Default = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string EnvironmentVariable = "SOURCE_DATE_EPOCH";

    /// <summary>SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set, else <see cref="Default"/>.</summary>
    public static DateTimeOffset FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value)) return Default;
        if (!long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 8589934591L)
            throw new ArchiveException(EnvironmentVariable, $"'{value}' is not a number of seconds since 1970 that fits a tar header");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
