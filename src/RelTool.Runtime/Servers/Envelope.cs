namespace RelTool.Runtime;

/// <summary>One entry of a server's mailbox.</summary>
internal abstract class Envelope;

internal sealed class CallEnvelope(object request, From from) : Envelope
{
    public object Request { get; } = request;
    public From From { get; } = from;
}

internal sealed class CastEnvelope(object message) : Envelope
{
    public object Message { get; } = message;
}

internal sealed class InfoEnvelope(object message) : Envelope
{
    public object Message { get; } = message;
}

/// <summary>Wakes an idle worker so that it looks at its control requests.</summary>
internal sealed class WakeEnvelope : Envelope
{
    public static WakeEnvelope Instance { get; } = new();
}
