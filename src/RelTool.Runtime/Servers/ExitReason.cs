namespace RelTool.Runtime;

/// <summary>Why a server or supervisor stopped, as OTP spells it: normal, shutdown, or an error.</summary>
public sealed record ExitReason(string Kind, Exception? Error = null)
{
    public static ExitReason Normal { get; } = new("normal");
    public static ExitReason Shutdown { get; } = new("shutdown");
    public static ExitReason Killed { get; } = new("killed");

    public static ExitReason Crash(Exception error) => new("crash", error);

    /// <summary>A transient child is restarted only when this is false.</summary>
    public bool IsNormal => Kind is "normal" or "shutdown";

    public override string ToString() => Error is null ? Kind : $"{Kind}: {Error.GetType().Name}: {Error.Message}";
}
