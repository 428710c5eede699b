using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

/// <summary>
/// One client of the KV server under load: puts to its own keys in turn and checks every reply against what
/// v1 and v2 must answer, so that a lost, reordered or wrongly migrated write shows up as a violation.
/// </summary>
internal sealed class KvClient(ServerRegistry registry, string server, int clientId, int keyCount)
{
    private readonly Dictionary<string, int> v2Writes = [];
    private readonly HashSet<string> writtenByV1 = [];
    private readonly Dictionary<string, string> lastValue = [];
    private bool sawV2;

    public int V1Replies { get; private set; }
    public int V2Replies { get; private set; }
    public List<string> Violations { get; } = [];
    public IReadOnlyDictionary<string, string> LastValues => lastValue;

    public async Task RunAsync(CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var key = $"c{clientId}-k{i % keyCount}";
            var value = i.ToString();
            object? reply;
            try
            {
                reply = await registry.CallAsync<string>(server, new[] { "put", key, value }, TimeSpan.FromSeconds(10));
            }
            catch (Exception error)
            {
                Violations.Add($"put {key}: {error.GetType().Name}: {error.Message}");
                continue;
            }

            lastValue[key] = value;
            Check(key, reply as string);
        }
    }

    private void Check(string key, string? reply)
    {
        if (reply == "ok:1")
        {
            V1Replies++;
            writtenByV1.Add(key);
            if (sawV2)
            {
                Violations.Add($"put {key}: v1 replied after v2 had");
            }

            return;
        }

        var parts = reply?.Split(':');
        if (parts is not ["ok", "2", var count])
        {
            Violations.Add($"put {key}: unexpected reply {reply ?? "null"}");
            return;
        }

        V2Replies++;
        sawV2 = true;
        var expected = v2Writes.TryGetValue(key, out var before) ? before + 1 : (writtenByV1.Contains(key) ? 2 : 1);
        v2Writes[key] = expected;
        if (count != expected.ToString())
        {
            Violations.Add($"put {key}: v2 counted {count} writes, expected {expected}");
        }
    }
}
