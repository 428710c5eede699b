namespace RelTool.Runtime;

public enum SupervisorEventKind
{
    ChildExited,
    ChildRestarted,
    ChildStartFailed,
    MaxIntensityReached,
}

/// <summary>A supervisor report, as OTP's supervisor writes to the logger.</summary>
public sealed record SupervisorEvent(string Supervisor, SupervisorEventKind Kind, string ChildId, ExitReason? Reason);
