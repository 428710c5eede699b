namespace RelTool.Runtime;

/// <summary>More than <paramref name="MaxRestarts"/> restarts within <paramref name="Period"/> stops the supervisor.</summary>
public sealed record RestartIntensity(int MaxRestarts, TimeSpan Period)
{
    /// <summary>OTP's defaults: intensity 1, period 5 seconds.</summary>
    public static RestartIntensity Default { get; } = new(1, TimeSpan.FromSeconds(5));
}
