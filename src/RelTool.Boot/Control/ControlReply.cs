namespace RelTool.Boot.Control;

/// <summary>A node's answer: ok with body lines, or an error kind (denied, unknown-command, bad-request, failed) and a message.</summary>
public sealed record ControlReply(bool Ok, IReadOnlyList<string> Lines, string ErrorKind, string Message)
{
    public static ControlReply Success(params IReadOnlyList<string> lines) => new(true, lines, "", "");
    public static ControlReply Error(string kind, string message) => new(false, [], kind, message);
}
