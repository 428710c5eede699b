using RelTool.Runtime;

namespace MyService;

/// <summary>
/// Named counters, one request at a time: <c>INC name</c> → the new count, <c>GET name</c> → the count (0 when never
/// counted), <c>PING</c> → <c>PONG</c>. The state is a BCL dictionary, which any version of this code can take over.
/// </summary>
public sealed class Counter : Server<Dictionary<string, long>>
{
    public const string Name = "counter";

    public override Dictionary<string, long> Init(object? args) => new(StringComparer.Ordinal);

    public override CallResult<Dictionary<string, long>> HandleCall(object request, From from, Dictionary<string, long> state) =>
        request is LineReceived line ? Reply(Handle(line.Line.TrimEnd('\r'), state), state) : Reply("ERROR unexpected request", state);

    /// <summary>
    /// Takes over the state of the version that ran before a live upgrade (or after a downgrade). Change it when the
    /// state's shape changes: convert the old shape here, and give the old shape back in ExportStateForDowngrade.
    /// </summary>
    public override Dictionary<string, long> CodeChange(object? oldState, OldVsn oldVsn, object? extra) => oldState switch
    {
        Dictionary<string, long> counts => counts,
        _ => throw new CodeChangeException($"{Name} from {oldVsn.Version}: unknown state {oldState?.GetType().FullName ?? "null"}"),
    };

    public static string Handle(string line, Dictionary<string, long> counts)
    {
        switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            case ["INC", var name]:
                counts[name] = counts.GetValueOrDefault(name) + 1;
                return counts[name].ToString(System.Globalization.CultureInfo.InvariantCulture);
            case ["GET", var name]:
                return counts.GetValueOrDefault(name).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case ["PING"]:
                return "PONG";
            default:
                return "ERROR expected INC name | GET name | PING";
        }
    }
}
