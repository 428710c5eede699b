using System.Collections;
using System.Text;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;

namespace RelTool.Boot.Hosting;

/// <summary>
/// How a node was started: the app's arguments (after `--`) and the environment the launcher got, before the node
/// changed anything. A restart install starts the next release — and, when that fails, the old one again — with
/// them, so a service keeps the port, credentials and flags its supervisor gave it, whoever runs `upgrade`.
/// The node serves them on its control socket (cookie and 0600 socket: the same user can read /proc/PID/environ).
/// </summary>
public sealed record NodeStartup(IReadOnlyList<string> AppArgs, IReadOnlyDictionary<string, string> Environment)
{
    public const string ControlCommand = "startup";

    public static NodeStartup Capture(IReadOnlyList<string> appArgs)
    {
        // A Dictionary, not a SortedDictionary: the latter's code for these types is JIT-compiled at every node's start.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            if (entry.Key is string key && entry.Value is string value && key != ReleaseContext.BootVersionVariable)
                environment[key] = value;
        return new NodeStartup([.. appArgs], environment);
    }

    /// <summary>One line per item, base64 so that any byte survives the line protocol: `arg B64`, `env B64(NAME=VALUE)`.</summary>
    public IReadOnlyList<string> ToLines() =>
        [
            .. AppArgs.Select(a => "arg " + Encode(a)),
            .. Environment.Select(e => "env " + Encode($"{e.Key}={e.Value}")),
        ];

    public static NodeStartup Parse(IEnumerable<string> lines)
    {
        var args = new List<string>();
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ');
            if (space < 0) continue;
            var value = Decode(line[(space + 1)..]);
            switch (line[..space])
            {
                case "arg":
                    args.Add(value);
                    break;
                case "env" when value.IndexOf('=') is > 0 and var equals:
                    environment[value[..equals]] = value[(equals + 1)..];
                    break;
            }
        }
        return new NodeStartup(args, environment);
    }

    /// <summary>What the running node of <paramref name="root"/> was started with; null when none answers or it predates the command.</summary>
    public static NodeStartup? TryQuery(ReleaseRoot root) =>
        ControlClient.TrySend(root, ControlCommand) is { Ok: true } reply ? Parse(reply.Lines) : null;

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
