namespace Ledger.Worker;

public sealed class LedgerOptions
{
    public string Database { get; set; } = "ledger.db";
    public int IntervalMilliseconds { get; set; } = 1000;
    public string Source { get; set; } = "";
}
