using System.Globalization;
using System.Text;
using RelTool.Boot.Control;

namespace RelTool.Boot.ReleaseHandler;

/// <summary>
/// The control command <c>overlap VSN SECONDS started|settle [ENV...]</c>: the client asks the running node to install
/// VSN by an overlapped restart (NodeSide/OverlappedInstall.cs). ENV items are base64 of NAME=VALUE: variables the
/// new node gets besides the old node's own.
/// </summary>
public sealed record OverlapRequest(string Version, TimeSpan Timeout, OverlapRequest.ReadyWhen Ready, IReadOnlyDictionary<string, string> AddedEnvironment)
{
    public const string Command = "overlap";
    public const string Usage = "usage: overlap VSN SECONDS started|settle [ENV...]";

    /// <summary>Without a health URL a new node must still answer ping this long after it started (in the node's
    /// overlapped install and in the client's stop-then-start alike).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    public enum ReadyWhen
    {
        /// <summary>Its host started: the client then probes the health URL, which only the new node answers.</summary>
        Started,

        /// <summary>…and it still answers ping <see cref="SettleTime"/> later (no health URL).</summary>
        Settled,
    }

    private const string StartedArg = "started";
    private const string SettledArg = "settle";

    public IReadOnlyList<string> ToArgs() =>
    [
        Version,
        Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        Ready == ReadyWhen.Settled ? SettledArg : StartedArg,
        .. AddedEnvironment.Select(v => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{v.Key}={v.Value}"))),
    ];

    /// <summary>The request, or null when the arguments are not one (the node answers <see cref="Usage"/>).</summary>
    public static OverlapRequest? Parse(IReadOnlyList<string> args)
    {
        if (args.Count < 3 || !double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                           || args[2] is not (StartedArg or SettledArg))
            return null;
        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var item in args.Skip(3))
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(item));
                if (text.IndexOf('=') is > 0 and var equals) added[text[..equals]] = text[(equals + 1)..];
            }
        }
        catch (FormatException) { return null; }
        return new OverlapRequest(args[0], TimeSpan.FromSeconds(seconds), args[2] == SettledArg ? ReadyWhen.Settled : ReadyWhen.Started, added);
    }
}

/// <summary>
/// The node's answer to <see cref="OverlapRequest"/>, as a record the client switches on. On the wire: <c>ok</c>,
/// <c>took-over PID</c> and report lines, or <c>error KIND MESSAGE</c>.
/// </summary>
public abstract record OverlapReply
{
    /// <summary>Error kind: the node cannot hand its sockets over; the message says why.</summary>
    private const string CannotOverlapKind = "cannot-overlap";

    private const string TookOverPrefix = "took-over ";

    private OverlapReply() { }

    /// <summary>The new node (pid <paramref name="Pid"/>) took over; the old one finishes its requests and exits.</summary>
    public sealed record TookOver(int Pid, IReadOnlyList<string> Report) : OverlapReply;

    /// <summary>Nothing happened: the node cannot hand its sockets over (it says why); the client installs by stop-then-start.</summary>
    public sealed record CannotOverlap(string Why) : OverlapReply;

    /// <summary>The node predates overlapped installs (it does not know the command).</summary>
    public sealed record Unsupported : OverlapReply;

    /// <summary>The install failed; the old node still serves.</summary>
    public sealed record Failed(string Kind, string Message) : OverlapReply;

    /// <summary>Node side: the reply to send.</summary>
    public ControlReply ToControlReply() => this switch
    {
        TookOver tookOver => ControlReply.Success([TookOverPrefix + tookOver.Pid.ToString(CultureInfo.InvariantCulture), .. tookOver.Report]),
        CannotOverlap cannot => ControlReply.Error(CannotOverlapKind, OneLine(cannot.Why)),
        Failed failed => ControlReply.Error(failed.Kind, OneLine(failed.Message)),
        _ => throw new InvalidOperationException($"a node does not send {GetType().Name}"),
    };

    /// <summary>Client side: the reply received.</summary>
    public static OverlapReply From(ControlReply reply) => reply switch
    {
        { Ok: true } => reply.Lines.FirstOrDefault() is { } first && first.StartsWith(TookOverPrefix, StringComparison.Ordinal)
                        && int.TryParse(first[TookOverPrefix.Length..], CultureInfo.InvariantCulture, out var pid)
            ? new TookOver(pid, [.. reply.Lines.Skip(1)])
            : new Failed("bad-reply", $"unexpected reply to {OverlapRequest.Command}: {reply.Lines.FirstOrDefault()}"),
        { ErrorKind: CannotOverlapKind } => new CannotOverlap(reply.Message),
        { ErrorKind: ControlCommandTable.UnknownCommandKind } => new Unsupported(),
        _ => new Failed(reply.ErrorKind, reply.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
