namespace RelTool.IntegrationTests.Boot;

public static class FileTree
{
    /// <summary>Copies a directory tree (file modes are kept by File.Copy on Unix), leaving out top-level <paramref name="skip"/> dirs.</summary>
    public static void Copy(string from, string to, params string[] skip)
    {
        bool Kept(string path) => !skip.Contains(Path.GetRelativePath(from, path).Split('/')[0]);
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories).Where(Kept))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories).Where(Kept))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }
}
