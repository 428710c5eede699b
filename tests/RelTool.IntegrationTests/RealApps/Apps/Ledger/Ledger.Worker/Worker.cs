using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ledger.Worker;

public sealed class Worker(ILogger<Worker> logger, IOptions<LedgerOptions> options, IHostEnvironment environment) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var database = Path.GetFullPath(settings.Database, environment.ContentRootPath);
        logger.LogInformation("ledger starting: entry {Entry}, base {Base}, content root {ContentRoot}, database {Database}, source {Source}",
            Assembly.GetEntryAssembly()?.GetName().Name, AppContext.BaseDirectory, environment.ContentRootPath, database, settings.Source);

        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync(stoppingToken);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS ticks (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL, sqlite TEXT NOT NULL)", stoppingToken);
        await Execute(connection, "CREATE TABLE IF NOT EXISTS lifecycle (id INTEGER PRIMARY KEY, event TEXT NOT NULL, at TEXT NOT NULL)", stoppingToken);
        await Execute(connection, "INSERT INTO lifecycle (event, at) VALUES ('started', datetime('now'))", stoppingToken);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await using (var insert = connection.CreateCommand())
                {
                    insert.CommandText = "INSERT INTO ticks (at, source, sqlite) VALUES (datetime('now'), $source, sqlite_version())";
                    insert.Parameters.AddWithValue("$source", settings.Source);
                    await insert.ExecuteNonQueryAsync(stoppingToken);
                }
                logger.LogInformation("tick written (sqlite {Version})", connection.ServerVersion);
                await Task.Delay(settings.IntervalMilliseconds, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Execute(connection, "INSERT INTO lifecycle (event, at) VALUES ('stopped', datetime('now'))", CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT (SELECT count(*) FROM ticks WHERE source = $source) || ' ' || (SELECT group_concat(event, ',') FROM lifecycle)";
        count.Parameters.AddWithValue("$source", settings.Source);
        logger.LogInformation("ledger stopped cleanly: ticks and lifecycle {Summary}", await count.ExecuteScalarAsync(CancellationToken.None));
    }

    private static async Task Execute(SqliteConnection connection, string sql, CancellationToken token)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(token);
    }
}
