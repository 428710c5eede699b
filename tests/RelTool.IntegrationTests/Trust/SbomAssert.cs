using System.Security.Cryptography;
using System.Text.Json;
using RelTool.Formats.Manifests;

namespace RelTool.IntegrationTests.Trust;

/// <summary>Checks an SBOM against the release directory it describes: the schema, every lib dir of the .rel, its files and hashes.</summary>
public static class SbomAssert
{
    /// <summary>Validates releases/VSN/NAME.cdx.json of <paramref name="root"/> and returns its components by bom-ref.</summary>
    public static Dictionary<string, JsonElement> DescribesRelease(string root, string name, string version)
    {
        var sbomFile = Path.Combine(root, "releases", version, $"{name}.cdx.json");
        var errors = CycloneDxSchema.Errors(sbomFile);
        Assert.True(errors.Count == 0, $"{sbomFile} does not validate against CycloneDX 1.6:\n{string.Join('\n', errors.Take(20))}");

        using var document = JsonDocument.Parse(File.ReadAllText(sbomFile));
        var sbom = document.RootElement;
        Assert.Equal("1.6", sbom.GetProperty("specVersion").GetString());
        Assert.Equal(name, sbom.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
        Assert.Equal(version, sbom.GetProperty("metadata").GetProperty("component").GetProperty("version").GetString());
        var components = sbom.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!, c => c.Clone());
        var dependencies = sbom.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToHashSet());

        var rel = RelFile.Read(Path.Combine(root, "releases", version, $"{name}.rel"));
        var rootRef = sbom.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString()!;
        foreach (var application in rel.Applications)
        {
            var libDir = $"lib/{application.Name}-{application.Version}";
            Assert.True(components.TryGetValue(libDir, out var component), $"the SBOM has no component for {libDir}");
            Assert.Equal(application.Name, component.GetProperty("name").GetString());
            Assert.Equal(application.Version, component.GetProperty("version").GetString());
            var files = Directory.GetFiles(Path.Combine(root, libDir), "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), Sha256);
            var listed = component.GetProperty("components").EnumerateArray().ToDictionary(
                f => f.GetProperty("name").GetString()!,
                f => f.GetProperty("hashes").EnumerateArray().Single(h => h.GetProperty("alg").GetString() == "SHA-256").GetProperty("content").GetString()!);
            Assert.Equal(files.OrderBy(f => f.Key, StringComparer.Ordinal), listed.OrderBy(f => f.Key, StringComparer.Ordinal));

            Assert.Contains(libDir, dependencies[rootRef]);
            var app = AppFile.Read(Path.Combine(root, libDir, $"{application.Name}.app"));
            var inRelease = rel.Applications.ToDictionary(a => a.Name, a => $"lib/{a.Name}-{a.Version}");
            Assert.Equal(app.Applications.Where(inRelease.ContainsKey).Select(a => inRelease[a]).ToHashSet(), dependencies[libDir]);
        }

        var runtime = components[$"runtime/shared/Microsoft.NETCore.App/{rel.ErtsVersion}"];
        Assert.Equal("framework", runtime.GetProperty("type").GetString());
        Assert.Equal(rel.ErtsVersion, runtime.GetProperty("version").GetString());
        return components;
    }

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
