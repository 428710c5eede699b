using System.Diagnostics;
using System.Text.Json;
using RelTool.IntegrationTests.Release;

namespace RelTool.IntegrationTests.Upgrade;

/// <summary>
/// Two real builds shared by the upgrade tests: release 0.1.0 into <see cref="BaseOutput"/> (kept as it is: the error
/// tests run against it and check that nothing changed), then a copy of it in <see cref="UpgradedOutput"/> upgraded to
/// 0.2.0 with one method changed in KV.Core and one in KV.Server, versions bumped (Kv only by version).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UpgradeFixture : IDisposable
{
    public UpgradeSolution Solution { get; } = new();
    public string BaseOutput => Path.Combine(Solution.Root, "out", "base");
    public string UpgradedOutput => Path.Combine(Solution.Root, "out", "upgraded");
    public ReltoolProcess.Outcome Upgrade { get; }
    public JsonElement UpgradeJson { get; }

    public UpgradeFixture()
    {
        var first = Release(BaseOutput);
        if (first.ExitCode != 0) throw new InvalidOperationException($"release 0.1.0 failed: {first}");
        CopyTree(BaseOutput, UpgradedOutput);
        SetUpgradedSource();
        Upgrade = Release(UpgradedOutput, "--upgrade", "--json");
        if (Upgrade.ExitCode == 0) UpgradeJson = JsonDocument.Parse(Upgrade.Stdout).RootElement.Clone();
    }

    /// <summary>0.2.0: KV.Core 1.3.0 with Greet changed, KV.Server 1.1.0 with Init changed, Kv 0.2.0 unchanged.</summary>
    public void SetUpgradedSource() => Solution.Set(app: "0.2.0", core: "1.3.0", server: "1.1.0", greeting: "?", serverStart: 1);

    public ReltoolProcess.Outcome Release(string output, params string[] args) =>
        ReltoolProcess.Run(Solution.AppDirectory, ["release", "--output", output, .. args]);

    /// <summary>cp -a: keeps modes, so the copy is what a second run of reltool would find.</summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        using var cp = Process.Start(new ProcessStartInfo("cp", ["-a", from, to]))!;
        cp.WaitForExit();
        if (cp.ExitCode != 0) throw new InvalidOperationException($"cp -a {from} {to} failed");
    }

    public void Dispose() => Solution.Dispose();
}
