using RelTool.Core.Layout;

namespace RelTool.Tests.Layout;

public class RollForwardTests
{
    private static readonly string[] Installed = ["8.0.5", "8.0.11", "9.0.1", "10.0.0-rc.2.1", "10.0.3", "10.0.12", "10.1.2", "11.0.0"];

    [Theory]
    [InlineData("10.0.0", RollForwardPolicy.Minor, "10.0.12")]
    [InlineData("10.0.0", RollForwardPolicy.LatestPatch, "10.0.12")]
    [InlineData("10.0.0", RollForwardPolicy.LatestMinor, "10.1.2")]
    [InlineData("10.0.0", RollForwardPolicy.LatestMajor, "11.0.0")]
    [InlineData("10.0.3", RollForwardPolicy.Disable, "10.0.3")]
    [InlineData("10.0.4", RollForwardPolicy.Disable, null)]
    [InlineData("9.0.5", RollForwardPolicy.LatestPatch, null)]
    [InlineData("9.0.5", RollForwardPolicy.Minor, null)]
    [InlineData("9.0.5", RollForwardPolicy.Major, "10.0.12")]
    [InlineData("8.0.0", RollForwardPolicy.Minor, "8.0.11")]
    [InlineData("10.0.0-rc.1", RollForwardPolicy.Minor, "10.0.12")]
    public void Picks_what_the_host_would(string requested, RollForwardPolicy policy, string? expected)
    {
        Assert.Equal(expected, RollForwardPolicies.Resolve(requested, policy, Installed));
    }

    [Fact]
    public void Release_versions_are_preferred_over_prereleases_of_the_same_patch()
    {
        Assert.Equal("10.0.0", RollForwardPolicies.Resolve("10.0.0", RollForwardPolicy.LatestPatch, ["10.0.0-rc.2", "10.0.0"]));
        Assert.Null(RollForwardPolicies.Resolve("10.0.0", RollForwardPolicy.LatestPatch, ["10.0.1-preview.1"]));
    }
}
