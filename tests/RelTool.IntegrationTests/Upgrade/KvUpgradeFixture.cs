namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// samples/kv released as 0.1.0, patched (patches/0.2.0.patch) and released as 0.2.0 into the same output; the
/// appup is written by hand (reltool appup is not on this branch yet), the relup by `reltool relup`.
/// </summary>
public sealed class KvUpgradeFixture : IDisposable
{
    public const string Appup = """
        {"0.2.0",
         [{"0.1.0",[{update,'Kv',{advanced,[]}}]}],
         [{"0.1.0",[{update,'Kv',{advanced,[]}}]}]}.

        """;

    private readonly UpgradeBuild build = new("kv");

    public KvUpgradeFixture()
    {
        build.Release("src/Kv");
        build.ApplyPatch("0.2.0.patch");
        build.Release("src/Kv");
        build.Relup("kv", "0.2.0", "0.1.0", ("Kv", Appup));
        UpgradeTarball = build.UpgradeTarball("kv", "0.2.0", "0.1.0", "Kv-0.2.0");
    }

    public string FirstTarball => Path.Combine(build.Output, "releases", "0.1.0", "kv.tar.gz");
    public string UpgradeTarball { get; }

    public void Dispose() => build.Dispose();
}
