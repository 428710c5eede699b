namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// samples/octochat through the user's flow: `reltool release` (0.3.2), `git apply patches/0.3.3.patch`,
/// `reltool release --upgrade` (0.3.3 with its appup, relup and octochat-from-0.3.2.tar.gz) into the same output.
/// </summary>
public sealed class OctochatUpgradeFixture : IDisposable
{
    private readonly UpgradeBuild build = new("octochat");

    public OctochatUpgradeFixture()
    {
        build.Release("src/Octochat");
        build.ApplyPatch("0.3.3.patch");
        build.Release("src/Octochat", upgrade: true);
        Assert.True(File.Exists(UpgradeTarball), $"release --upgrade wrote no {UpgradeTarball}");
    }

    public string FirstTarball => build.FullTarball("octochat", "0.3.2");
    public string UpgradeTarball => build.UpgradeTarball("octochat", "0.3.3", "0.3.2");

    public void Dispose() => build.Dispose();
}
