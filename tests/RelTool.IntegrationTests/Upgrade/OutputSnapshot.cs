namespace RelTool.IntegrationTests.Upgrade;

/// <summary>Every path below a folder with its size and modification time: equal snapshots mean nothing was written.</summary>
public static class OutputSnapshot
{
    public static List<string> Of(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => File.Exists(p)
                ? $"{Path.GetRelativePath(root, p)} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p).Ticks}"
                : $"{Path.GetRelativePath(root, p)}/")
            .Order(StringComparer.Ordinal).ToList();
}
