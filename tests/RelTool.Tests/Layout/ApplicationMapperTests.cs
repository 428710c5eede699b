using System.Runtime.CompilerServices;
using RelTool.Core.Build;
using RelTool.Core.Layout;

namespace RelTool.Tests.Layout;

public class ApplicationMapperTests
{
    private static string Fixture(string name, [CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "Fixtures", name);

    // What a RID-specific publish of the web.deps.json app puts on disk: assets flattened, satellites under their culture.
    private static readonly string[] WebPublished =
    [
        "Web.dll", "Web.pdb", "Web.deps.json", "Web.runtimeconfig.json", "appsettings.json", "appsettings.Development.json",
        "wwwroot/index.html", "wwwroot/css/site.css",
        "Humanizer.dll", "de/Humanizer.resources.dll",
        "Newtonsoft.Json.dll", "libe_sqlite3.so",
        "Lib.dll", "Lib.pdb", "fr/Lib.resources.dll", "lib-settings.json",
    ];

    private static IReadOnlyList<PackagedApplication> MapWeb(IReadOnlyList<PublishedFileOrigin>? origins = null) =>
        ApplicationMapper.Map(DepsFile.Read(Fixture("web.deps.json")), WebPublished, "Web", origins ?? []);

    private static string[] FilesOf(IEnumerable<PackagedApplication> apps, string name) =>
        apps.Single(a => a.Name == name).Files.Select(f => f.RelativePath).ToArray();

    [Fact]
    public void Every_published_file_lands_in_exactly_one_application()
    {
        var placed = MapWeb().SelectMany(a => a.Files).Select(f => f.RelativePath).ToList();
        Assert.Equal(WebPublished.Order(StringComparer.Ordinal), placed.Order(StringComparer.Ordinal));
        Assert.Equal(placed.Count, placed.Distinct().Count());
    }

    [Fact]
    public void Assets_go_to_the_library_that_owns_them_and_unclaimed_files_to_the_entry_project()
    {
        var apps = MapWeb();
        Assert.Equal(["Web", "Humanizer.Core", "Humanizer.Core.de", "Newtonsoft.Json", "SQLitePCLRaw.lib.e_sqlite3", "Meta.Package", "Lib"], apps.Select(a => a.Name));
        Assert.Equal(["Humanizer.dll"], FilesOf(apps, "Humanizer.Core"));
        Assert.Equal(["de/Humanizer.resources.dll"], FilesOf(apps, "Humanizer.Core.de"));
        Assert.Equal(["libe_sqlite3.so"], FilesOf(apps, "SQLitePCLRaw.lib.e_sqlite3"));
        Assert.Empty(FilesOf(apps, "Meta.Package"));
        // Lib.pdb follows Lib.dll by its stem; lib-settings.json has no owner that MSBuild or deps.json names.
        Assert.Equal(["Lib.dll", "Lib.pdb", "fr/Lib.resources.dll"], FilesOf(apps, "Lib"));
        Assert.Equal(
            ["Web.deps.json", "Web.dll", "Web.pdb", "Web.runtimeconfig.json", "appsettings.Development.json", "appsettings.json", "lib-settings.json", "wwwroot/css/site.css", "wwwroot/index.html"],
            FilesOf(apps, "Web"));
        Assert.True(apps.Single(a => a.Name == "Web").IsEntry);
        Assert.Single(apps, a => a.IsEntry);
    }

    [Fact]
    public void MSBuild_origins_claim_files_deps_json_does_not_name()
    {
        var apps = MapWeb([new PublishedFileOrigin("lib-settings.json", null, null, "/src/Lib/Lib.csproj")]);
        Assert.Contains("lib-settings.json", FilesOf(apps, "Lib"));
        Assert.DoesNotContain("lib-settings.json", FilesOf(apps, "Web"));
    }

    [Fact]
    public void Files_are_typed_with_assembly_names_and_cultures()
    {
        var apps = MapWeb();
        var lib = apps.Single(a => a.Name == "Lib");
        Assert.Equal(new ApplicationFile("Lib.dll", FileRole.Assembly, "Lib"), lib.Files.Single(f => f.RelativePath == "Lib.dll"));
        Assert.Equal(new ApplicationFile("fr/Lib.resources.dll", FileRole.Resource, "Lib.resources", "fr"), lib.Files.Single(f => f.Culture is not null));
        Assert.Equal(FileRole.Native, apps.Single(a => a.Name == "SQLitePCLRaw.lib.e_sqlite3").Files.Single().Role);
        Assert.Equal(["Lib"], lib.Modules.ToArray());
        Assert.Equal(["Web"], apps.Single(a => a.Name == "Web").Modules.ToArray());
    }

    [Fact]
    public void Dependencies_name_only_libraries_in_the_release()
    {
        var apps = MapWeb();
        // Trimmed.Away is not a library of the deps file: a dependency on it would name an application that is not there.
        Assert.Equal(["Humanizer.Core.de", "Lib", "SQLitePCLRaw.lib.e_sqlite3"], apps.Single(a => a.Name == "Web").Dependencies.ToArray());
        Assert.Equal(["Meta.Package", "Newtonsoft.Json"], apps.Single(a => a.Name == "Lib").Dependencies.ToArray());
        var names = apps.Select(a => a.Name).ToHashSet();
        Assert.All(apps.SelectMany(a => a.Dependencies), d => Assert.Contains(d, names));
    }

    [Fact]
    public void Portable_publish_keeps_runtime_specific_subpaths_with_their_package()
    {
        string[] published = ["App.dll", "App.deps.json", "Native.Lib.dll", "runtimes/linux-x64/native/libnative.so", "runtimes/win-x64/native/native.dll", "runtimes/unix/lib/net8.0/Native.Lib.dll"];
        var apps = ApplicationMapper.Map(DepsFile.Read(Fixture("portable.deps.json")), published, "App", []);
        Assert.Equal(
            ["Native.Lib.dll", "runtimes/linux-x64/native/libnative.so", "runtimes/unix/lib/net8.0/Native.Lib.dll", "runtimes/win-x64/native/native.dll"],
            FilesOf(apps, "Native.Lib"));
        Assert.Equal(["App.deps.json", "App.dll"], FilesOf(apps, "App"));
    }
}
