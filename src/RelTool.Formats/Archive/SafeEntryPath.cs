namespace RelTool.Formats.Archive;

/// <summary>Turns a tar entry name into a relative `/`-separated path, refusing anything that could land outside the
/// extraction root: absolute paths, drive letters, `..`, NUL, backslashes.</summary>
internal static class SafeEntryPath
{
    /// <summary>The normalized path, "" for the root itself (`./`), or throws naming the entry.</summary>
    public static string Normalize(string file, string name)
    {
        if (name.Contains('\0')) throw Unsafe(file, name, "contains a NUL character");
        if (name.StartsWith('/')) throw Unsafe(file, name, "is an absolute path");
        if (name.Length > 1 && name[1] == ':') throw Unsafe(file, name, "has a drive letter");
        if (name.Contains('\\')) throw Unsafe(file, name, "contains a backslash");
        var names = new List<string>();
        foreach (var part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..") throw Unsafe(file, name, "contains '..'");
            names.Add(part);
        }
        return string.Join('/', names);
    }

    public static bool IsUnder(string path, string prefix) =>
        prefix.Length == 0 || path == prefix || (path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == '/');

    /// <summary>How many directories a normalized path lies below the root: its `/`s. A loop, not LINQ over chars,
    /// whose code is JIT-compiled in every command that extracts.</summary>
    public static int Depth(string path)
    {
        var depth = 0;
        foreach (var c in path)
            if (c == '/') depth++;
        return depth;
    }

    private static ArchiveException Unsafe(string file, string name, string why) => new(file, $"unsafe entry '{name}': {why}");
}
