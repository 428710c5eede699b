using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Production;

/// <summary>
/// eval, rpc and the release's own commands on the stock webapi with a real SQLite database (Microsoft.Data.Sqlite):
/// a migration while the service is stopped and while it runs, a method run inside the node, and each error.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[Collection(ProductionWebApi.Collection)]
public sealed class ReleaseCommandTests(ProductionWebApi webApi)
{
    [Fact]
    public void Eval_rpc_and_release_commands_run_a_real_migration_with_and_without_the_service()
    {
        var tree = webApi.InstallFresh("commands");
        var database = Path.Combine(tree.Root, "var", "shop.db");
        Directory.CreateDirectory(Path.Combine(tree.Root, "etc"));
        File.WriteAllText(Path.Combine(tree.Root, "etc", "shop.env"), "Greeting=from-etc\n");

        // Stopped: eval runs the migration in a fresh process, with etc/shop.env in its environment.
        var migrate = LauncherRun.Run(tree, ["eval", "Shop.Db.Migrate"]);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains($"migrated {database}", migrate.Stdout);
        Assert.True(File.Exists(database));
        var added = LauncherRun.Run(tree, ["eval", "Shop.Db.AddProduct", "tea"]);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal("1", added.Stdout.Trim());
        // The release command `migrate` (eval) is idempotent, as migrations are; `seed` (a script) gets its arguments.
        var named = LauncherRun.Run(tree, ["migrate"]);
        Assert.True(named.ExitCode == 0, named.ToString());
        var seed = LauncherRun.Run(tree, ["seed", "a", "b"]);
        Assert.True(seed.ExitCode == 3, seed.ToString());
        Assert.Equal("shop 1.0.0 a b\n", File.ReadAllText(Path.Combine(tree.Root, "var", "seeded.txt")));
        var help = LauncherRun.Run(tree, ["help"]);
        Assert.Contains("migrate", help.Stdout);
        Assert.Contains("seed", help.Stdout);
        var rpcStopped = LauncherRun.Run(tree, ["rpc", "Shop.Db.Describe"]);
        Assert.True(rpcStopped.ExitCode == 3, rpcStopped.ToString());
        Assert.Contains("not running", rpcStopped.Stderr);

        var start = LauncherRun.Run(tree, ["start"], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Posix.FreeLoopbackPort()}" });
        Assert.True(start.ExitCode == 0, start.ToString());
        try
        {
            var nodePid = LauncherRun.Run(tree, ["pid"]).Stdout.Trim();
            // rpc runs inside the node: its pid, its environment, the same database.
            var inside = LauncherRun.Run(tree, ["rpc", "Shop.Db.Describe"]);
            Assert.True(inside.ExitCode == 0, inside.ToString());
            Assert.Equal($"pid {nodePid} products 1 greeting from-etc", inside.Stdout.Trim());
            var rpcAdded = LauncherRun.Run(tree, ["rpc", "Shop.Db.AddProduct", "coffee"]);
            Assert.True(rpcAdded.ExitCode == 0, rpcAdded.ToString());
            Assert.Equal("2", rpcAdded.Stdout.Trim());
            var rpcExit = LauncherRun.Run(tree, ["rpc", "Shop.Db.ExitWith", "7"]);
            Assert.Equal(7, rpcExit.ExitCode);

            // eval while the service runs: another process, the same database.
            var outside = LauncherRun.Run(tree, ["eval", "Shop.Db.Describe"]);
            Assert.True(outside.ExitCode == 0, outside.ToString());
            Assert.StartsWith("pid ", outside.Stdout);
            Assert.DoesNotContain($"pid {nodePid} ", outside.Stdout);
            Assert.Contains("products 2 greeting from-etc", outside.Stdout);
            Assert.True(LauncherRun.Run(tree, ["migrate"]).ExitCode == 0);

            foreach (var command in new[] { "eval", "rpc" }) AssertErrors(tree, command);
        }
        finally
        {
            var stop = LauncherRun.Run(tree, ["stop"]);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }
        AssertErrors(tree, "eval");
        var exit = LauncherRun.Run(tree, ["eval", "Shop.Db.ExitWith", "7"]);
        Assert.Equal(7, exit.ExitCode);
    }

    private static void AssertErrors(ReleaseTree tree, string command)
    {
        Fails(tree, 2, [command], "TYPE.METHOD");
        Fails(tree, 2, [command, "Migrate"], "TYPE.METHOD");
        Fails(tree, 2, [command, "Shop.Nothing.Here"], "no public type Shop.Nothing");
        Fails(tree, 2, [command, "Shop.Db.Nope"], "Shop.Db has no public static method Nope; its public static methods: AddProduct, Describe, ExitWith, Fail, Migrate");
        Fails(tree, 2, [command, "Shop.Db.AddProduct"], "Shop.Db.AddProduct takes (String name), got 0 arguments");
        Fails(tree, 2, [command, "Shop.Db.ExitWith", "seven"], "argument 1 (code) must be a Int32, got 'seven'");
        Fails(tree, 1, [command, "Shop.Db.Fail", "the disk is full"], "Shop.Db.Fail failed: InvalidOperationException: the disk is full");
    }

    private static void Fails(ReleaseTree tree, int exitCode, string[] args, string message)
    {
        var result = LauncherRun.Run(tree, args);
        Assert.True(result.ExitCode == exitCode, $"{string.Join(' ', args)}: expected exit {exitCode}\n{result}");
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
