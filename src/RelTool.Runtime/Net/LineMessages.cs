namespace RelTool.Runtime;

/// <summary>Sent (as info) to the handler when a client connects.</summary>
public sealed record ConnectionOpened(long ConnectionId, string Remote);

/// <summary>The call a handler receives for each line; it replies with a string (written back), null, or <see cref="CloseConnection"/>.</summary>
public sealed record LineReceived(long ConnectionId, string Line);

/// <summary>Sent (as info) to the handler when a connection has closed.</summary>
public sealed record ConnectionClosed(long ConnectionId);

/// <summary>A reply that writes <paramref name="FinalLine"/> (if any) and closes the connection.</summary>
public sealed record CloseConnection(string? FinalLine = null);
