using RelTool.Runtime;

namespace Kv;

/// <summary>
/// The key-value store, one request at a time: <c>PUT key value</c> → <c>OK</c>, <c>GET key</c> → the value or
/// <c>NIL</c>. Its state is a BCL dictionary, which any version of the code can take over as it is.
/// </summary>
public sealed class KvStore : Server<Dictionary<string, string>>
{
    public const string Name = "kv_store";

    public override Dictionary<string, string> Init(object? args) => new(StringComparer.Ordinal);

    public override CallResult<Dictionary<string, string>> HandleCall(object request, From from, Dictionary<string, string> state) =>
        request is LineReceived line ? Reply(Handle(line.Line.TrimEnd('\r'), state), state) : Reply("ERROR unexpected request", state);

    private static string Handle(string line, Dictionary<string, string> store)
    {
        switch (line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries))
        {
            case ["PUT", var key, var value]:
                store[key] = value;
                return "OK";
            case ["GET", var key]:
                return store.TryGetValue(key, out var found) ? found : "NIL";
            default:
                return "ERROR expected PUT key value | GET key";
        }
    }
}
