namespace RelTool.Tests;

/// <summary>The repository the tests were built from (the folder holding RelTool.sln above the test binaries).</summary>
internal static class RepoFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RelTool.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no RelTool.sln above {AppContext.BaseDirectory}");
        }
    }
}
