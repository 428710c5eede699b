using System.Globalization;

namespace RelTool.Formats.Manifests;

/// <summary>
/// How `start`'s log/&lt;name&gt;.log rotates (OTP's run_erl rotates by size too): when a write would take it past
/// <paramref name="MaxBytes"/> it becomes &lt;name&gt;.log.1 (the older ones shift up) and at most
/// <paramref name="Files"/> files are kept, the live one included. Written by `reltool release` to
/// releases/&lt;vsn&gt;/log_rotation as "MAX_BYTES FILES" from rel/config.yaml's log_max_bytes and log_files.
/// </summary>
public sealed record LogRotation(long MaxBytes, int Files)
{
    /// <summary>A smaller limit would rotate at nearly every line.</summary>
    public const long MinMaxBytes = 1024;

    public static readonly LogRotation Default = new(10 * 1024 * 1024, 5);

    public string Format() => $"{MaxBytes.ToString(CultureInfo.InvariantCulture)} {Files.ToString(CultureInfo.InvariantCulture)}\n";

    /// <summary>The release's settings, or <see cref="Default"/> when it has none.</summary>
    public static LogRotation Read(string path)
    {
        if (!File.Exists(path)) return Default;
        var parts = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var maxBytes) || maxBytes < MinMaxBytes
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var files) || files < 1)
            throw new ManifestException(path, $"expected \"MAX_BYTES FILES\" (MAX_BYTES at least {MinMaxBytes}, FILES at least 1)");
        return new LogRotation(maxBytes, files);
    }
}
