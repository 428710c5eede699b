using System.Text;

namespace RelTool.Boot.Control;

/// <summary>
/// The control socket's wire format (docs/launcher.md). One request per connection, UTF-8, lines end with "\n":
/// <code>
/// reltool-control/1 COOKIE
/// COMMAND ARG...
/// </code>
/// and the node answers "ok" followed by body lines, or "error KIND MESSAGE", then closes the connection.
/// Arguments are separated by one space and percent-encoded (RFC 3986 unreserved characters stay as they are).
/// </summary>
public static class ControlProtocol
{
    public const string Greeting = "reltool-control/1";
    public const string OkLine = "ok";
    public const string ErrorPrefix = "error";
    public const int MaxLineBytes = 64 * 1024;

    public static string FormatRequest(string cookie, string command, IEnumerable<string> args) =>
        $"{Greeting} {cookie}\n{string.Join(' ', new[] { command }.Concat(args.Select(Uri.EscapeDataString)))}\n";

    public static (string Command, IReadOnlyList<string> Args) ParseCommandLine(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return ("", []);
        return (parts[0], parts.Skip(1).Select(Uri.UnescapeDataString).ToList());
    }

    public static string FormatReply(ControlReply reply) => reply.Ok
        ? string.Concat(new[] { OkLine }.Concat(reply.Lines).Select(l => l + "\n"))
        : $"{ErrorPrefix} {reply.ErrorKind} {reply.Message}\n";

    public static ControlReply ParseReply(string text)
    {
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        if (count == 0) return ControlReply.Error("bad-reply", "the node closed the connection without answering");
        var first = lines[0];
        if (first == OkLine) return ControlReply.Success(lines[1..count]);
        if (first.StartsWith(ErrorPrefix + " ", StringComparison.Ordinal))
        {
            var rest = first[(ErrorPrefix.Length + 1)..];
            var space = rest.IndexOf(' ');
            return space < 0 ? ControlReply.Error(rest, "") : ControlReply.Error(rest[..space], rest[(space + 1)..]);
        }
        return ControlReply.Error("bad-reply", $"unexpected reply: {first}");
    }

    /// <summary>Reads one line of at most <see cref="MaxLineBytes"/> bytes; null at end of stream.</summary>
    public static async Task<string?> ReadLineAsync(Stream stream, CancellationToken cancel)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancel) == 0) return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            if (one[0] == (byte)'\n') return Encoding.UTF8.GetString(bytes.ToArray());
            if (bytes.Count == MaxLineBytes) throw new InvalidDataException("request line too long");
            bytes.Add(one[0]);
        }
    }
}
