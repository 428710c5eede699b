using System.Diagnostics;

namespace RelTool.Runtime;

/// <summary>
/// A one-for-one supervisor: children start in order and stop in reverse order; a child that exits is restarted
/// alone, as its <see cref="RestartType"/> says. More restarts than the <see cref="RestartIntensity"/> allows stop
/// every child and the supervisor itself, with the reason <see cref="MaxIntensityReason"/>.
/// </summary>
public sealed class Supervisor : IChildProcess
{
    public const string MaxIntensityReason = "reached_max_restart_intensity";

    private readonly Lock gate = new();
    private readonly List<ChildSlot> children = [];
    private readonly Queue<long> restartTimes = new();
    private readonly RestartIntensity intensity;
    private readonly TaskCompletionSource<ExitReason> exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool stopping;

    private Supervisor(string name, RestartIntensity intensity)
    {
        Name = name;
        this.intensity = intensity;
    }

    public string Name { get; }

    public Task<ExitReason> Completion => exit.Task;

    /// <summary>Exits, restarts, failed starts and the intensity being reached.</summary>
    public event Action<SupervisorEvent>? Events;

    /// <summary>Starts the children in order; when one fails to start, stops those already started and throws.</summary>
    public static Supervisor StartOneForOne(
        string name, IEnumerable<ChildSpec> children, RestartIntensity? intensity = null, Action<SupervisorEvent>? events = null)
    {
        var supervisor = new Supervisor(name, intensity ?? RestartIntensity.Default);
        supervisor.Events += events;
        try
        {
            foreach (var spec in children)
            {
                supervisor.StartChild(spec);
            }
        }
        catch
        {
            supervisor.StopAsync(ExitReason.Shutdown, Timeout.InfiniteTimeSpan).GetAwaiter().GetResult();
            throw;
        }

        return supervisor;
    }

    /// <summary>The children in start order, with their running process (null while not running).</summary>
    public IReadOnlyList<(string Id, IChildProcess? Process)> Children
    {
        get
        {
            lock (gate)
            {
                return children.Select(c => (c.Spec.Id, c.Process)).ToArray();
            }
        }
    }

    public IChildProcess StartChild(ChildSpec spec)
    {
        lock (gate)
        {
            if (stopping)
            {
                throw new InvalidOperationException($"supervisor {Name} is stopping");
            }

            if (children.Any(c => c.Spec.Id == spec.Id))
            {
                throw new InvalidOperationException($"supervisor {Name} already has a child '{spec.Id}'");
            }

            var slot = new ChildSlot(spec);
            Launch(slot);
            children.Add(slot);
            return slot.Process!;
        }
    }

    public async Task StopAsync(ExitReason reason, TimeSpan timeout)
    {
        var shutdown = Shutdown(reason);
        try
        {
            await shutdown.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            exit.TrySetResult(ExitReason.Killed);
        }
    }

    private Task Shutdown(ExitReason reason)
    {
        ChildSlot[] running;
        lock (gate)
        {
            if (stopping)
            {
                return exit.Task;
            }

            stopping = true;
            running = children.Where(c => c.Process is not null).Reverse().ToArray();
        }

        return StopChildrenAsync(running, reason);
    }

    private async Task StopChildrenAsync(ChildSlot[] reverseOrder, ExitReason reason)
    {
        foreach (var child in reverseOrder)
        {
            try
            {
                await child.Process!.StopAsync(ExitReason.Shutdown, child.Spec.ShutdownTimeout).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A child that fails to stop cleanly is still stopped; the others must stop too.
            }
        }

        exit.TrySetResult(reason);
    }

    private void Launch(ChildSlot slot)
    {
        var process = slot.Spec.Start();
        slot.Process = process;
        process.Completion.ContinueWith(t => OnChildExit(slot, process, t.Result), TaskScheduler.Default);
    }

    private void OnChildExit(ChildSlot slot, IChildProcess process, ExitReason reason)
    {
        var giveUp = false;
        lock (gate)
        {
            if (stopping || !ReferenceEquals(slot.Process, process))
            {
                return;
            }

            slot.Process = null;
            Report(SupervisorEventKind.ChildExited, slot.Spec.Id, reason);
            var restart = slot.Spec.Restart switch
            {
                RestartType.Permanent => true,
                RestartType.Transient => !reason.IsNormal,
                _ => false,
            };
            if (!restart)
            {
                if (slot.Spec.Restart == RestartType.Temporary)
                {
                    children.Remove(slot);
                }

                return;
            }

            while (!giveUp)
            {
                if (!AllowRestart())
                {
                    Report(SupervisorEventKind.MaxIntensityReached, slot.Spec.Id, reason);
                    giveUp = true;
                    break;
                }

                try
                {
                    Launch(slot);
                    Report(SupervisorEventKind.ChildRestarted, slot.Spec.Id, reason);
                    return;
                }
                catch (Exception error)
                {
                    reason = ExitReason.Crash(error);
                    Report(SupervisorEventKind.ChildStartFailed, slot.Spec.Id, reason);
                }
            }
        }

        _ = Shutdown(new ExitReason(MaxIntensityReason, reason.Error));
    }

    private bool AllowRestart()
    {
        var now = Stopwatch.GetTimestamp();
        restartTimes.Enqueue(now);
        while (restartTimes.Count > 0 && Stopwatch.GetElapsedTime(restartTimes.Peek(), now) > intensity.Period)
        {
            restartTimes.Dequeue();
        }

        return restartTimes.Count <= intensity.MaxRestarts;
    }

    private void Report(SupervisorEventKind kind, string childId, ExitReason? reason)
    {
        try
        {
            Events?.Invoke(new SupervisorEvent(Name, kind, childId, reason));
        }
        catch (Exception)
        {
            // A faulty listener must not take the supervisor down.
        }
    }

    private sealed class ChildSlot(ChildSpec spec)
    {
        public ChildSpec Spec { get; } = spec;

        public IChildProcess? Process { get; set; }
    }
}
