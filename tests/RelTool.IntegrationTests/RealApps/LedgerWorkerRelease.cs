namespace RelTool.IntegrationTests.RealApps;

/// <summary>Apps/Ledger: a Worker SDK generic host writing to SQLite (native libe_sqlite3.so under runtimes/), released once.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerWorkerRelease() : RealAppRelease("Ledger", "Ledger.Worker");
