namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// samples/kv through the user's flow: `reltool release` (0.1.0), `git apply patches/0.2.0.patch`,
/// `reltool release --upgrade` (0.2.0 with Kv.appup, relup and kv-from-0.1.0.tar.gz) into the same output.
/// </summary>
public sealed class KvUpgradeFixture : IDisposable
{
    private readonly UpgradeBuild build = new("kv");

    public KvUpgradeFixture()
    {
        build.Release("src/Kv");
        build.ApplyPatch("0.2.0.patch");
        build.Release("src/Kv", upgrade: true);
        Assert.True(File.Exists(UpgradeTarball), $"release --upgrade wrote no {UpgradeTarball}");
    }

    public string FirstTarball => build.FullTarball("kv", "0.1.0");
    public string UpgradeTarball => build.UpgradeTarball("kv", "0.2.0", "0.1.0");

    public void Dispose() => build.Dispose();
}
