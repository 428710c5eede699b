using System.Text.Json;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.StockApps;

namespace RelTool.IntegrationTests.Production;

/// <summary>
/// One stock webapi (<see cref="StockWebApi"/>) released once at 1.0.0 for the production tests; each test installs the
/// tarball into a root of its own (<see cref="InstallFresh"/>). `/version` answers the assembly's version, so a new
/// release needs only <see cref="StockWebApi.SetVersion"/>. It also has what operators run: a real SQLite database
/// (Microsoft.Data.Sqlite) migrated by `Shop.Db.Migrate`, the release commands `migrate` (eval) and `seed` (a script),
/// a small rotating log (16 KiB, 5 files), and, when CHATTY_LINES is set, a thread that prints that many numbered lines.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProductionWebApi : IDisposable
{
    /// <summary>The test classes that share the one build (they run one after another).</summary>
    public const string Collection = "production webapi";

    public StockWebApi App { get; }

    public JsonElement Release1 { get; }

    public const int LogMaxBytes = 16 * 1024;
    public const int LogFiles = 5;

    /// <summary>A version of Microsoft.Data.Sqlite the package feed serves.</summary>
    private const string SqliteVersion = "10.0.5";

    private const string ChattyThread = """
        if (int.TryParse(Environment.GetEnvironmentVariable("CHATTY_LINES"), out var chattyLines))
            new Thread(() =>
            {
                for (var i = 1; i <= chattyLines; i++) Console.WriteLine($"chatty {i:D6} {new string('x', 60)}");
                Console.WriteLine("chatty done");
            }) { IsBackground = true }.Start();
        """;

    private const string DbSource = """
        using Microsoft.Data.Sqlite;

        namespace Shop;

        /// <summary>The release's database: var/shop.db under the release root.</summary>
        public static class Db
        {
            private static string DbPath => Path.Combine(Environment.GetEnvironmentVariable("RELEASE_ROOT_DIR") ?? ".", "var", "shop.db");

            private static SqliteConnection Open()
            {
                var connection = new SqliteConnection($"Data Source={DbPath}");
                connection.Open();
                return connection;
            }

            public static async Task<int> Migrate()
            {
                Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
                await using var db = Open();
                var command = db.CreateCommand();
                command.CommandText = "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY);"
                    + "CREATE TABLE IF NOT EXISTS products (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);"
                    + "INSERT OR IGNORE INTO migrations VALUES (1);";
                await command.ExecuteNonQueryAsync();
                Console.WriteLine($"migrated {DbPath}");
                return 0;
            }

            public static long AddProduct(string name)
            {
                using var db = Open();
                var insert = db.CreateCommand();
                insert.CommandText = "INSERT INTO products (name) VALUES ($name)";
                insert.Parameters.AddWithValue("$name", name);
                insert.ExecuteNonQuery();
                return Count(db);
            }

            public static string Describe()
            {
                using var db = Open();
                return $"pid {Environment.ProcessId} products {Count(db)} greeting {Environment.GetEnvironmentVariable("Greeting")}";
            }

            public static int ExitWith(int code) => code;

            public static void Fail(string why) => throw new InvalidOperationException(why);

            private static long Count(SqliteConnection db)
            {
                var count = db.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM products";
                return (long)count.ExecuteScalar()!;
            }
        }
        """;

    public ProductionWebApi()
    {
        App = new StockWebApi("Shop", "1.0.0");
        try
        {
            App.InsertBeforeRun("app.MapGet(\"/version\", () => typeof(Program).Assembly.GetName().Version!.ToString(3));");
            App.InsertBeforeRun(ChattyThread);
            App.AddPackage("Microsoft.Data.Sqlite", SqliteVersion);
            App.AddFile("Db.cs", DbSource);
            App.AddFile("rel/commands/seed.sh", "#!/bin/sh\nmkdir -p \"$RELEASE_ROOT_DIR/var\"\necho \"$REL_NAME $REL_VSN $*\" > \"$RELEASE_ROOT_DIR/var/seeded.txt\"\nexit 3\n");
            App.AddReleaseSettings($$"""
                    commands:
                      migrate: {eval: Shop.Db.Migrate}
                      seed:
                        script: rel/commands/seed.sh
                    log_max_bytes: {{LogMaxBytes}}
                    log_files: {{LogFiles}}
                """);
            Release1 = App.Release();
        }
        catch
        {
            App.Dispose();
            throw;
        }
    }

    private readonly Dictionary<string, ReleaseTree> installed = [];

    /// <summary>Release 1.0.0 installed in WorkDir/<paramref name="name"/> (once per name).</summary>
    public ReleaseTree InstallFresh(string name)
    {
        lock (installed)
        {
            if (!installed.TryGetValue(name, out var tree)) installed[name] = tree = App.Install(Release1, Path.Combine(App.WorkDir, name));
            return tree;
        }
    }

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(ProductionWebApi.Collection)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProductionWebApiCollection : ICollectionFixture<ProductionWebApi>;
