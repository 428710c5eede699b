namespace RelTool.Runtime;

/// <summary>How to start one child and when to restart it; <paramref name="Shutdown"/> bounds its stop before a kill.</summary>
public sealed record ChildSpec(string Id, Func<IChildProcess> Start, RestartType Restart = RestartType.Permanent, TimeSpan? Shutdown = null)
{
    public static readonly TimeSpan DefaultShutdown = TimeSpan.FromSeconds(5);

    public TimeSpan ShutdownTimeout => Shutdown ?? DefaultShutdown;
}
