using System.Text;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>The released worker, run from its extracted tarball with no dotnet on the host's PATH.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerWorkerTests(LedgerWorkerRelease app) : IClassFixture<LedgerWorkerRelease>, IDisposable
{
    private string NativeSqlite => Path.Combine(app.LibDir("SQLitePCLRaw.lib.e_sqlite3"), "libe_sqlite3.so");

    private string Log => File.Exists(app.Tree.LogFile) ? File.ReadAllText(app.Tree.LogFile) : "";

    private static int Ticks(string log) => log.Split('\n').Count(l => l.Contains("tick written (sqlite 3.", StringComparison.Ordinal));

    public void Dispose() => ProcessTable.KillAllFrom(app.Tree.Root);

    [Fact]
    public void Start_binds_configuration_from_environment_and_arguments_loads_the_bundled_sqlite_and_stops_gracefully()
    {
        var database = Path.Combine(app.WorkDir, "data", "ledger.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var source = "env-" + Guid.NewGuid().ToString("N")[..8];
        var logBefore = Log.Length;

        var start = app.Run(new Dictionary<string, string> { ["Ledger__Source"] = source }, "start", "--", $"--Ledger:Database={database}");
        Assert.True(start.ExitCode == 0, start + Log);
        var pid = int.Parse(app.Run("pid").Stdout.Trim());
        Assert.True(WaitFor.Condition(() => Ticks(Log[logBefore..]) >= 3), Log);
        Assert.Contains(NativeSqlite, File.ReadAllText($"/proc/{pid}/maps"));

        var stop = app.Run("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(ProcessTable.IsAlive(pid));
        Assert.Empty(app.Processes);

        var log = Log[logBefore..];
        Assert.Contains(
            $"ledger starting: entry Ledger.Worker, base {app.Tree.AppDir}/, content root {app.Tree.AppDir}, database {database}, source {source}", log);
        const string stopped = "ledger stopped cleanly: ticks and lifecycle ";
        var summary = log.Split('\n').Single(l => l.Contains(stopped, StringComparison.Ordinal));
        summary = summary[(summary.IndexOf(stopped, StringComparison.Ordinal) + stopped.Length)..];
        var ticks = int.Parse(summary.Trim().Split(' ')[0]);
        Assert.True(ticks >= Ticks(log), $"{ticks} ticks in the database, {Ticks(log)} logged");
        Assert.EndsWith(" started,stopped", summary.Trim());
        Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(File.ReadAllBytes(database), 0, 16));
        Assert.Contains($"{app.Tree.Name} {app.Tree.Version} exited with code 0", log);
    }

    [Fact]
    public async Task Foreground_finds_appsettings_in_its_content_root_and_exits_0_on_SIGTERM()
    {
        using var node = new ForegroundNode(app.Tree);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Ticks(node.Output) < 2 && !node.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(Ticks(node.Output) >= 2, node.Output);

        var exitCode = await node.TerminateAsync();
        Assert.True(exitCode == 0, $"exit {exitCode}\n{node.Output}");
        Assert.Contains($"Content root path: {app.Tree.AppDir}", node.Output);
        Assert.Contains($"database {Path.Combine(app.Tree.AppDir, "ledger.db")}, source appsettings", node.Output);   // appsettings.json's relative "ledger.db"
        Assert.Contains("Application is shutting down...", node.Output);
        Assert.Contains("ledger stopped cleanly", node.Output);
        Assert.Empty(app.Processes);
    }
}
