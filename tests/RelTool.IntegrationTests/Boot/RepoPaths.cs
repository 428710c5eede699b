namespace RelTool.IntegrationTests.Boot;

/// <summary>Where the tests find the repository's sources and the tool's boot payload and templates.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The launcher's build output as the tool carries it (&lt;tool dir&gt;/boot/), falling back to Boot's own bin dir.</summary>
    public static string BootPayload
    {
        get
        {
            var carried = Path.Combine(AppContext.BaseDirectory, "boot");
            if (File.Exists(Path.Combine(carried, "RelTool.Boot.dll"))) return carried;
            var built = Directory.GetDirectories(Path.Combine(Root, "src", "RelTool.Boot", "bin"), "net10.0", SearchOption.AllDirectories)
                .Where(d => File.Exists(Path.Combine(d, "RelTool.Boot.dll")))
                .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "RelTool.Boot.dll")))
                .FirstOrDefault();
            return built ?? throw new InvalidOperationException("RelTool.Boot is not built");
        }
    }

    /// <summary>The MSBuild property through which the samples reference this repository's src/RelTool.Runtime.</summary>
    public const string RuntimeSourceVariable = "RelToolRepoRoot";

    /// <summary>The environment that builds a sample against this repository's src/RelTool.Runtime.</summary>
    public static Dictionary<string, string> SampleEnvironment => new() { [RuntimeSourceVariable] = Root + "/" };

    public static string BinTemplate => Path.Combine(Root, "templates", "bin", "release.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RelTool.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no RelTool.sln above {AppContext.BaseDirectory}");
    }
}
