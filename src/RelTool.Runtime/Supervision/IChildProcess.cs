namespace RelTool.Runtime;

/// <summary>Anything a supervisor can watch and stop: a server, another supervisor, a listener.</summary>
public interface IChildProcess
{
    /// <summary>Completes with the exit reason when the process has stopped, for whatever cause.</summary>
    Task<ExitReason> Completion { get; }

    /// <summary>Stops the process; after <paramref name="timeout"/> it is killed.</summary>
    Task StopAsync(ExitReason reason, TimeSpan timeout);
}
