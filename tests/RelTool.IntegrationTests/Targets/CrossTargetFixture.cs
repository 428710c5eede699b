using System.Text.Json;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Release;
using RelTool.IntegrationTests.StockApps;
using RelTool.IntegrationTests.Upgrade;

namespace RelTool.IntegrationTests.Targets;

/// <summary>
/// samples/kv and a stock `dotnet new webapi` released on this x64 machine for each target of <see cref="Rids"/>
/// (`reltool release -r RID`), once for every test of the class. kv linux-arm64 is released with its tarball into the
/// UpgradeBuild's output (the emulated live upgrade builds 0.2.0 on top of it); the others without one.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrossTargetFixture : IDisposable
{
    public static readonly string[] Rids = ["linux-arm64", "linux-musl-x64", "osx-arm64", "win-x64"];

    public UpgradeBuild Kv { get; } = new("kv");
    public StockWebApi WebApi { get; }
    private readonly Dictionary<(string App, string Rid), (string Root, JsonElement Json)> releases = [];

    public CrossTargetFixture()
    {
        try
        {
            WebApi = new StockWebApi("Shop");
            foreach (var rid in Rids)
            {
                var kvOutput = rid == "linux-arm64" ? Kv.Output : Path.Combine(Kv.WorkDir, "targets", rid);
                releases[("kv", rid)] = (kvOutput, Json(KvRelease(kvOutput, rid == "linux-arm64" ? [] : ["--no-tar"], "-r", rid)));
                var webOutput = Path.Combine(WebApi.WorkDir, "targets", rid);
                releases[("webapi", rid)] = (webOutput, WebApi.Release("-r", rid, "--no-tar", "--output", webOutput));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Root(string app, string rid) => releases[(app, rid)].Root;

    public JsonElement ReleaseJson(string app, string rid) => releases[(app, rid)].Json;

    public static Dictionary<string, string> KvEnvironment => RepoPaths.SampleEnvironment;

    /// <summary>`reltool release --json ARGS --output OUTPUT` in kv's project folder, whatever its exit code.</summary>
    public ReltoolProcess.Outcome KvRelease(string output, string[] extra, params string[] args) =>
        ReltoolProcess.Run(Path.Combine(Kv.Sources, "src", "Kv"), KvEnvironment, ["release", "--json", .. args, .. extra, "--output", output]);

    private static JsonElement Json(ReltoolProcess.Outcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return JsonDocument.Parse(outcome.Stdout).RootElement.Clone();
    }

    public void Dispose()
    {
        WebApi?.Dispose();
        Kv.Dispose();
    }
}
