using System.Text.Json;
using RelTool.IntegrationTests.Release;
using RelTool.IntegrationTests.Upgrade;

namespace RelTool.IntegrationTests.Trust;

/// <summary>
/// samples/kv released as a CI pipeline that signs would: `reltool keygen` makes the release key and another one,
/// rel/config.yaml lists the release key's .pub in trusted_keys, 0.1.0 is released with `--sign-key`, and 0.2.0
/// (the sample's patch) with `release --upgrade` signed through RELTOOL_SIGN_KEY.
/// </summary>
public sealed class SignedKvFixture : IDisposable
{
    private readonly UpgradeBuild build = new("kv");

    public SignedKvFixture()
    {
        try
        {
            Keys = Directory.CreateDirectory(Path.Combine(build.WorkDir, "keys")).FullName;
            foreach (var key in new[] { ReleaseKey, OtherKey })
            {
                var keygen = build.Reltool("src/Kv", new Dictionary<string, string>(), "keygen", "-o", key);
                Assert.True(keygen.ExitCode == 0, keygen.ToString());
            }
            var config = Directory.CreateDirectory(Path.Combine(build.Sources, "src", "Kv", "rel")).FullName;
            File.WriteAllText(Path.Combine(config, "config.yaml"), $"releases:\n  kv:\n    trusted_keys:\n      - {ReleaseKey}.pub\n");

            First = Release("--sign-key", ReleaseKey);
            build.ApplyPatch("0.2.0.patch");
            Second = Release(new Dictionary<string, string> { ["RELTOOL_SIGN_KEY"] = ReleaseKey }, "--upgrade");
        }
        catch
        {
            build.Dispose();
            throw;
        }
    }

    public string Keys { get; }
    public string ReleaseKey => Path.Combine(Keys, "release.key");
    public string OtherKey => Path.Combine(Keys, "other.key");
    public string Output => build.Output;

    /// <summary>`release --json` of 0.1.0 and of 0.2.0.</summary>
    public JsonElement First { get; }
    public JsonElement Second { get; }

    public string FirstTarball => build.FullTarball("kv", "0.1.0");
    public string UpgradeTarball => build.UpgradeTarball("kv", "0.2.0", "0.1.0");

    public ReltoolProcess.Outcome Reltool(params string[] args) => build.Reltool("src/Kv", new Dictionary<string, string>(), args);

    private JsonElement Release(params string[] args) => Release(new Dictionary<string, string>(), args);

    private JsonElement Release(Dictionary<string, string> environment, params string[] args)
    {
        var outcome = build.Reltool("src/Kv", environment, ["release", .. args, "--output", Output, "--json"]);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return JsonDocument.Parse(outcome.Stdout).RootElement.Clone();
    }

    public void Dispose() => build.Dispose();
}
