using RelTool.Core.Config;

namespace RelTool.Tests.Config;

public class RuntimeVersionConfigTests
{
    private static ReleaseConfig Parse(string yaml) => ReleaseConfigReader.Parse(yaml, "/p/rel/config.yaml", "/p");

    [Fact]
    public void Runtime_version_is_read_from_environments_and_releases()
    {
        var config = Parse("""
            releases:
              kv:
                runtime_version: 10.0.15
            environments:
              arm:
                runtime_identifier: linux-arm64
                runtime_version: latest-patch
            """);
        Assert.Equal("10.0.15", Assert.Single(config.Releases).RuntimeVersion);
        Assert.Equal(("linux-arm64", "latest-patch"), (config.Environments["arm"].RuntimeIdentifier, config.Environments["arm"].RuntimeVersion));
        Assert.Null(config.Environments["prod"].RuntimeVersion);
    }

    [Theory]
    [InlineData("10.0")]
    [InlineData("latest")]
    [InlineData("ten")]
    public void A_runtime_version_without_its_patch_level_is_an_error_at_its_line(string value)
    {
        var error = Assert.Throws<ConfigException>(() => Parse($"environments:\n  prod:\n    runtime_version: {value}\n"));
        Assert.Contains(":3:", error.Message);
        Assert.Contains($"environments.prod.runtime_version must be a runtime version with its patch level (10.0.12) or latest-patch, got '{value}'", error.Message);
    }
}
