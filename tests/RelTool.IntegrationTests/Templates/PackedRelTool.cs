using System.Globalization;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Templates;

/// <summary>
/// The packages as a user gets them: `dotnet pack` of RelTool, RelTool.Runtime and RelTool.Templates into a local
/// folder feed, the tool installed from it with `dotnet tool install --tool-path` and the templates with `dotnet new
/// install` into a hive of their own (the user's templates are not touched). <see cref="WorkDir"/> (outside the
/// repository) has a nuget.config naming the feed, so that projects generated under it restore RelTool.Runtime from
/// the packed output.
/// </summary>
/// <remarks>
/// The packs reuse the build the tests run on (`--no-build`, the test's configuration): compiling the tool a second
/// time would double the fixture's time. The packages get a version of their own (<see cref="Version"/>, a
/// pre-release of the repository's) so that the user's NuGet cache cannot hand out an earlier build of the same
/// version; those cache entries are removed on dispose.
/// </remarks>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PackedRelTool : IDisposable
{
    private static readonly string[] PackedProjects = ["src/RelTool.Runtime", "src/RelTool", "templates/dotnet-new/RelTool.Templates.csproj"];

    private readonly string root = Directory.CreateTempSubdirectory("reltool-packed-").FullName;

    public string Version { get; } = "0.1.0-packtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public string Feed => Path.Combine(root, "feed");

    /// <summary>The installed tool's command (the apphost `dotnet tool install` writes).</summary>
    public string Reltool => Path.Combine(root, "tool", "reltool");

    /// <summary>Where tests generate projects: outside the repository, under a nuget.config that adds <see cref="Feed"/>.</summary>
    public string WorkDir => Path.Combine(root, "work");

    private string Hive => Path.Combine(root, "hive");

    public static IReadOnlyDictionary<string, string> NoEnvironment { get; } = new Dictionary<string, string>();

    public PackedRelTool()
    {
        try
        {
            foreach (var project in PackedProjects)
                Cli.Check("dotnet", RepoPaths.Root, NoEnvironment, "pack", project, "--no-build", "-c", Release.ReltoolProcess.Configuration,
                    "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false");
            Cli.Check("dotnet", root, NoEnvironment, "tool", "install", "RelTool", "--tool-path", Path.Combine(root, "tool"),
                "--add-source", Feed, "--version", Version);
            Cli.Check("dotnet", root, NoEnvironment, "new", "install", Path.Combine(Feed, $"RelTool.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive);
            Directory.CreateDirectory(WorkDir);
            File.WriteAllText(Path.Combine(WorkDir, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="reltool-packed" value="{Feed}" />
                  </packageSources>
                </configuration>
                """);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>`dotnet new TEMPLATE -n NAME` in an empty folder of <see cref="WorkDir"/>; returns the generated folder.</summary>
    public string New(string template, string name)
    {
        var parent = Directory.CreateDirectory(Path.Combine(WorkDir, template)).FullName;
        Cli.Check("dotnet", parent, NoEnvironment, "new", template, "-n", name, "--debug:custom-hive", Hive);
        return Path.Combine(parent, name);
    }

    /// <summary>The installed reltool, run in <paramref name="directory"/>.</summary>
    public Release.ReltoolProcess.Outcome RunReltool(string directory, params string[] args) => Cli.Run(Reltool, directory, NoEnvironment, args);

    public void Dispose()
    {
        ProcessTable.KillAllFrom(root);
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        // This run's packages in the user's NuGet cache: a version no other build uses.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "reltool", "reltool.runtime", "reltool.templates" })
        {
            var dir = Path.Combine(cache, id, Version.ToLowerInvariant());
            try
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                if (Directory.Exists(Path.GetDirectoryName(dir)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(dir)!).Any())
                    Directory.Delete(Path.GetDirectoryName(dir)!);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
