namespace RelTool.Formats.Layout;

/// <summary>
/// releases/&lt;Vsn&gt;/health_url: one line, the URL a node of that release answers on once it serves
/// (<c>http(s)://…</c> or <c>tcp://host:port</c>, possibly with <c>${NAME}</c> the launcher fills in).
/// </summary>
public static class HealthUrl
{
    public static string Format(string url)
    {
        if (url.Trim().Length == 0 || url.Contains('\n') || url.Contains('\r'))
            throw new ArgumentException($"a URL in {ReleaseLayout.HealthUrlFileName} must be one non-empty line: \"{url}\"");
        return url + "\n";
    }

    public static void Write(string path, string url) => AtomicFile.WriteAllText(path, Format(url));

    /// <summary>The URL the first line of <paramref name="path"/> names, or null when there is no such file or the line is blank.</summary>
    public static string? Read(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : null;

    public static string? Parse(string text) =>
        text.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : null;
}
