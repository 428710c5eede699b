namespace RelTool.Core.Release;

/// <summary>Copying and comparing folders; copies keep Unix modes (File.Copy does on Unix).</summary>
public static class FileTree
{
    public static void CopyFile(string source, string destination)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(source, destination, overwrite: false);
    }

    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)), overwrite: false);
    }

    /// <summary>Files below <paramref name="root"/>, relative, with '/', in ordinal order.</summary>
    public static List<string> RelativeFiles(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Relative paths that are in one tree and not the other, or whose bytes or mode differ.</summary>
    public static List<string> Differences(string left, string right, Func<string, bool>? ignore = null)
    {
        ignore ??= _ => false;
        var a = RelativeFiles(left).Where(p => !ignore(p)).ToHashSet(StringComparer.Ordinal);
        var b = RelativeFiles(right).Where(p => !ignore(p)).ToHashSet(StringComparer.Ordinal);
        var differ = a.Except(b).Concat(b.Except(a)).ToList();
        differ.AddRange(a.Intersect(b).Where(p => !SameFile(Path.Combine(left, p), Path.Combine(right, p))));
        differ.Sort(StringComparer.Ordinal);
        return differ;
    }

    /// <summary>Same length, bytes and (on Unix) mode.</summary>
    public static bool SameFile(string x, string y)
    {
        var fx = new FileInfo(x);
        var fy = new FileInfo(y);
        if (fx.Length != fy.Length) return false;
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(x) != File.GetUnixFileMode(y)) return false;
        using var sx = fx.OpenRead();
        using var sy = fy.OpenRead();
        Span<byte> bx = stackalloc byte[8192];
        Span<byte> by = stackalloc byte[8192];
        while (true)
        {
            var n = sx.ReadAtLeast(bx, bx.Length, throwOnEndOfStream: false);
            var m = sy.ReadAtLeast(by, by.Length, throwOnEndOfStream: false);
            if (n != m || !bx[..n].SequenceEqual(by[..m])) return false;
            if (n == 0) return true;
        }
    }

    public static long Size(string root) =>
        Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
}
