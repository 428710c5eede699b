using System.Text.Json;
using RelTool.Core.Layout;

namespace RelTool.Tests.Layout;

public sealed class PinnedRuntimeConfigTests
{
    private static readonly ResolvedFramework[] Bundled = [new("Microsoft.NETCore.App", "10.0.12"), new("Microsoft.AspNetCore.App", "10.0.12")];

    private static JsonElement Options(string json) => JsonDocument.Parse(json).RootElement.GetProperty("runtimeOptions");

    [Fact]
    public void Each_framework_names_the_bundled_version_and_the_host_may_not_roll_forward()
    {
        const string published = """
            {
              "runtimeOptions": {
                "tfm": "net10.0",
                "rollForward": "LatestMajor",
                "frameworks": [
                  { "name": "Microsoft.NETCore.App", "version": "10.0.0" },
                  { "name": "Microsoft.AspNetCore.App", "version": "10.0.0", "rollForward": "LatestPatch" }
                ],
                "configProperties": { "System.GC.Server": true }
              }
            }
            """;

        var options = Options(PinnedRuntimeConfig.Apply(published, "app.runtimeconfig.json", Bundled));

        Assert.Equal("Disable", options.GetProperty("rollForward").GetString());
        var frameworks = options.GetProperty("frameworks").EnumerateArray().ToList();
        Assert.Equal(["10.0.12", "10.0.12"], frameworks.Select(f => f.GetProperty("version").GetString()));
        Assert.All(frameworks, f => Assert.False(f.TryGetProperty("rollForward", out _)));
        Assert.True(options.GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
        // What inspect and the release build read back: the exact version, no roll-forward.
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, PinnedRuntimeConfig.Apply(published, "app.runtimeconfig.json", Bundled));
            Assert.All(RuntimeConfig.Read(path).Frameworks, f => Assert.Equal(RollForwardPolicy.Disable, f.RollForward));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_single_framework_reference_is_pinned_too()
    {
        const string published = """{ "runtimeOptions": { "tfm": "net10.0", "framework": { "name": "Microsoft.NETCore.App", "version": "10.0.0" } } }""";

        var options = Options(PinnedRuntimeConfig.Apply(published, "app.runtimeconfig.json", Bundled));

        Assert.Equal("10.0.12", options.GetProperty("framework").GetProperty("version").GetString());
        Assert.Equal("Disable", options.GetProperty("rollForward").GetString());
        // With 10.0.15 installed beside it, the pinned release still gets its own patch.
        Assert.Equal("10.0.12", RollForwardPolicies.Resolve("10.0.12", RollForwardPolicy.Disable, ["10.0.12", "10.0.15"]));
    }

    [Fact]
    public void A_framework_the_runtime_does_not_bundle_is_an_error_naming_it()
    {
        const string published = """{ "runtimeOptions": { "framework": { "name": "Microsoft.WindowsDesktop.App", "version": "10.0.0" } } }""";

        var error = Assert.Throws<FormatException>(() => PinnedRuntimeConfig.Apply(published, "app.runtimeconfig.json", Bundled));

        Assert.Contains("app.runtimeconfig.json: names the framework Microsoft.WindowsDesktop.App, which the release's runtime does not bundle", error.Message);
    }
}
