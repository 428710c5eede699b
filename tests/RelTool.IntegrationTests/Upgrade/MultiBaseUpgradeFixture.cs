using System.Text.Json;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// samples/kv with two installed versions: 0.1.0, then 0.1.1 (a log line of KvApplication changed), then 0.2.0
/// (patches/0.2.0.patch on top of that change) built once with `--upgrade --upfrom 0.1.0 --upfrom 0.1.1`.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MultiBaseUpgradeFixture : IDisposable
{
    private const string Csproj = "src/Kv/Kv.csproj";

    public UpgradeBuild Build { get; } = new("kv");
    public ReltoolProcess.Outcome Upgrade { get; }
    public JsonElement Json { get; }

    public MultiBaseUpgradeFixture()
    {
        Build.Release("src/Kv");
        Build.Edit("src/Kv/KvApplication.cs", "\"kv stopped\"", "\"kv stopped (since 0.1.1)\"");
        Build.Edit(Csproj, "<Version>0.1.0</Version>", "<Version>0.1.1</Version>");
        Build.Release("src/Kv");
        // The patch expects the 0.1.0 version line; the 0.1.1 log line is in a file it does not touch, so 0.2.0 keeps it.
        Build.Edit(Csproj, "<Version>0.1.1</Version>", "<Version>0.1.0</Version>");
        Build.ApplyPatch("0.2.0.patch");
        Upgrade = Build.Run("src/Kv", "--upgrade", "--upfrom", "0.1.0", "--upfrom", "0.1.1", "--json");
        if (Upgrade.ExitCode == 0) Json = JsonDocument.Parse(Upgrade.Stdout).RootElement.Clone();
    }

    public string Output => Build.Output;

    public void Dispose() => Build.Dispose();
}
