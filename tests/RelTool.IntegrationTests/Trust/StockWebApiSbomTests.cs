using System.Text.RegularExpressions;
using RelTool.IntegrationTests.StockApps;

namespace RelTool.IntegrationTests.Trust;

/// <summary>The SBOM of the reference ordinary app (a stock `dotnet new webapi`), which takes a NuGet package.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class StockWebApiSbomTests
{
    [Fact]
    public void The_sbom_validates_names_each_nuget_package_by_purl_and_licence_and_two_clean_builds_give_the_same_bytes()
    {
        using var app = new StockWebApi("Shop", "1.0.0");
        var first = Path.Combine(app.WorkDir, "first");
        var second = Path.Combine(app.WorkDir, "second");
        app.Release("--output", first, "--no-tar");

        var components = SbomAssert.DescribesRelease(first, "shop", "1.0.0");
        var packages = components.Values.Where(c => c.GetProperty("properties").EnumerateArray()
            .Any(p => p.GetProperty("name").GetString() == "reltool:kind" && p.GetProperty("value").GetString() == "package")).ToList();
        Assert.NotEmpty(packages);
        foreach (var package in packages)
            Assert.Equal($"pkg:nuget/{package.GetProperty("name").GetString()}@{package.GetProperty("version").GetString()}", package.GetProperty("purl").GetString());

        // The template's one package, with the licence its nuspec declares (an SPDX expression).
        var openApiVersion = PackageVersion().Match(File.ReadAllText(app.ProjectFile)).Groups[1].Value;
        var openApi = components[$"lib/Microsoft.AspNetCore.OpenApi-{openApiVersion}"];
        Assert.Equal($"pkg:nuget/Microsoft.AspNetCore.OpenApi@{openApiVersion}", openApi.GetProperty("purl").GetString());
        Assert.Equal("MIT", openApi.GetProperty("licenses")[0].GetProperty("expression").GetString());
        Assert.Contains(components.Keys, k => k.StartsWith("runtime/shared/Microsoft.AspNetCore.App/", StringComparison.Ordinal));

        foreach (var dir in new[] { "bin", "obj" }.Select(d => Path.Combine(app.ProjectDir, d)).Where(Directory.Exists)) Directory.Delete(dir, recursive: true);
        app.Release("--output", second, "--no-tar");
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, "releases/1.0.0/shop.cdx.json")), File.ReadAllBytes(Path.Combine(second, "releases/1.0.0/shop.cdx.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(first, "releases/1.0.0/SHA256SUMS")), File.ReadAllText(Path.Combine(second, "releases/1.0.0/SHA256SUMS")));
    }

    [GeneratedRegex("Include=\"Microsoft.AspNetCore.OpenApi\" Version=\"([^\"]+)\"")]
    private static partial Regex PackageVersion();
}
