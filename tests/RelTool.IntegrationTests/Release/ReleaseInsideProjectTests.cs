namespace RelTool.IntegrationTests.Release;

/// <summary>
/// The default output, _build/rel/&lt;name&gt;/, lies inside the project folder. The Worker and Web SDKs glob `**/*.json`
/// as published Content, so a second release must not publish the first one's json files (deps, runtimeconfig, appsettings).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReleaseInsideProjectTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("reltool-inside-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_second_release_into_the_default_output_does_not_publish_the_first_one()
    {
        var project = Path.Combine(root, "Pulse");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(project, "Pulse.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk.Worker">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Version>0.1.0</Version></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"pulse\");\n");
        File.WriteAllText(Path.Combine(project, "appsettings.json"), "{\"Pulse\":1}\n");

        var first = ReltoolProcess.Run(project, "release", "--env", "dev", "--no-tar");
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = ReltoolProcess.Run(project, "release", "--env", "dev", "--no-tar", "--version", "0.1.1");
        Assert.True(second.ExitCode == 0, second.ToString());

        var lib = Path.Combine(project, "_build", "rel", "pulse", "lib");
        var appFiles = Directory.GetFiles(Path.Combine(lib, "Pulse-0.1.0"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(lib, "Pulse-0.1.0"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("appsettings.json", appFiles);
        Assert.DoesNotContain(appFiles, f => f.StartsWith("_build", StringComparison.Ordinal));
    }
}
