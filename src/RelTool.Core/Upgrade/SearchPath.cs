namespace RelTool.Core.Upgrade;

/// <summary>
/// Expands search path patterns as systools_lib:get_path does: a <c>*</c> in a path component matches
/// any directory name (so <c>lib/*/ebin</c> and <c>lib/*</c> both work even when the shell passed them quoted).
/// Matches are sorted by ordinal name, so the result does not depend on the file system's order.
/// </summary>
public static class SearchPath
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns)
    {
        var result = new List<string>();
        foreach (var pattern in patterns)
            foreach (var dir in ExpandOne(pattern))
                if (!result.Contains(dir)) result.Add(dir);
        return result;
    }

    private static IEnumerable<string> ExpandOne(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var root = Path.GetPathRoot(full) ?? "/";
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> current = [root];
        foreach (var part in parts)
        {
            var segment = part;
            current = segment.Contains('*') || segment.Contains('?')
                ? current.SelectMany(dir => Directory.Exists(dir)
                    ? Directory.GetDirectories(dir, segment).OrderBy(d => d, StringComparer.Ordinal)
                    : Enumerable.Empty<string>())
                : current.Select(dir => Path.Combine(dir, segment));
        }
        return current.Where(Directory.Exists).ToList();
    }
}
