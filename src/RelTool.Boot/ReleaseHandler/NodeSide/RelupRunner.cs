using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using RelTool.Boot.Layout;
using RelTool.Boot.Native;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;
using RelTool.Runtime;
using RelTool.Runtime.Hosting;
using CodeChangeInstruction = RelTool.Formats.Manifests.Instructions.CodeChange;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>
/// Executes one relup script against the running node (release_handler's eval of the low-level instructions).
/// <c>load_object_code</c> loads the new assemblies into a new collectible context; until
/// <c>point_of_no_return</c> a failure discards it and changes nothing. Afterwards servers are suspended, their code
/// changed and resumed; a code change that fails in every server it touched is undone, anything else is reported as
/// needing a restart.
/// </summary>
public sealed class RelupRunner
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    private readonly ReleaseRoot root;
    private readonly Node node;
    private readonly RelupPlan plan;
    private readonly BootFile fromBoot;
    private readonly BootFile toBoot;
    private readonly HashSet<string> changing;
    private readonly Dictionary<string, Assembly> newCode = new(StringComparer.Ordinal);
    private readonly HashSet<string> suspended = new(StringComparer.Ordinal);
    private readonly List<string> report = [];
    private readonly PauseSteps pauseSteps = new();
    // The entry's name, looked up once: LoadModule runs in the pause, and the entry keeps its name when replaced.
    private readonly string? entryName = Assembly.GetEntryAssembly()?.GetName().Name;
    private Dictionary<string, Assembly?> previousCode = new(StringComparer.Ordinal);
    private Assembly? previousEntry;
    private bool entryReplaced;
    private bool pastPointOfNoReturn;
    private bool changedAny;

    public RelupRunner(ReleaseRoot root, Node node, RelupPlan plan)
    {
        this.root = root;
        this.node = node;
        this.plan = plan;
        fromBoot = BootMap.Read(root, plan.From);
        toBoot = BootMap.Read(root, plan.To);
        changing = plan.Instructions.OfType<LoadObjectCode>().SelectMany(l => l.Modules).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The new code's context once <c>load_object_code</c> ran (null when the script loads nothing).</summary>
    public CodeLoadContext? Context { get; private set; }

    /// <summary>Runs the script; returns report lines (one <c>load_object_code</c> line per load, one <c>pause</c> line per resumed assembly).</summary>
    /// <exception cref="InstallFailure">the script failed; see <see cref="InstallFailure.NeedsRestart"/></exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public IReadOnlyList<string> Run()
    {
        try
        {
            foreach (var instruction in plan.Instructions) Check(instruction);
            var instructions = plan.Instructions;
            for (var i = 0; i < instructions.Count; i++)
            {
                if (HeldBlockEnd(instructions, i) is { } end && TryRunHeld(instructions, i, end)) i = end;
                else ExecuteTimed(instructions[i]);
            }
        }
        catch (Exception e) when (!pastPointOfNoReturn)
        {
            Discard();
            throw new InstallFailure($"install of {plan.To} failed before the point of no return; nothing changed: {MessageOf(e)}", false, e);
        }
        catch (CodeChangeFailedException e) when (!changedAny)
        {
            RollBack();
            throw new InstallFailure($"install of {plan.To} failed; the node runs {plan.From} as before: {e.Message}", false, e);
        }
        catch (Exception e)
        {
            throw new InstallFailure($"install of {plan.To} failed after the point of no return: {MessageOf(e)}", true, e);
        }
        finally
        {
            previousCode = new(StringComparer.Ordinal);
            previousEntry = null;
            newCode.Clear();
        }
        return report;
    }

    private static void Check(Instruction instruction)
    {
        switch (instruction)
        {
            case Formats.Manifests.Instructions.LoadObjectCode or PointOfNoReturn or Suspend or Load or CodeChangeInstruction or Resume or Remove or Purge or Apply:
                return;
            default:
                throw new NotSupportedException($"{instruction} is not supported by a live install");
        }
    }

    private void ExecuteTimed(Instruction instruction)
    {
        if (instruction is Suspend && suspended.Count == 0) pauseSteps.Begin();
        var startedAt = Stopwatch.GetTimestamp();
        Execute(instruction);
        if (suspended.Count == 0 && instruction is not (Suspend or Resume)) return;
        pauseSteps.Add(StepName(instruction), startedAt);
        if (instruction is Resume) report.Add(pauseSteps.Flush());
    }

    private static string StepName(Instruction instruction) => instruction switch
    {
        Suspend => "suspend",
        Load => "load",
        CodeChangeInstruction => "code_change",
        Resume => "resume",
        _ => instruction.GetType().Name.ToLowerInvariant(),
    };

    private void Execute(Instruction instruction)
    {
        switch (instruction)
        {
            case LoadObjectCode load:
                LoadNewCodeAtLowPriority(load);
                break;
            case PointOfNoReturn:
                pastPointOfNoReturn = true;
                break;
            case Suspend suspend:
                foreach (var m in suspend.Modules)
                {
                    node.SuspendAsync(m.Module, StepTimeout).GetAwaiter().GetResult();
                    suspended.Add(m.Module);
                }
                break;
            case Load load:
                LoadModule(load.Module);
                break;
            case CodeChangeInstruction change:
                foreach (var m in change.Modules) ChangeCode(m.Module, change.Mode == CodeChangeMode.Down, ExtraOf(m.Extra));
                break;
            case Resume resume:
                foreach (var m in resume.Modules) ResumeModule(m);
                break;
            case Remove remove:
                Remember(remove.Module);
                node.Code.Forget(remove.Module);
                break;
            case Purge:
                break; // contexts that hold no current code are unloaded once the whole script has run
            case Apply apply:
                ApplyCall.Run(node, newCode, apply);
                break;
        }
    }

    /// <summary>
    /// Loading and compiling the new code is the install's heaviest work before the suspend: on a lower priority the
    /// node's request threads win the cores meanwhile (kv, 8 clients: the requests slowed in the 10 ms before the
    /// suspend halved; on saturated cores the install takes longer instead). The pause itself runs at the node's own
    /// priority. Reported with how long it took.
    /// </summary>
    private void LoadNewCodeAtLowPriority(LoadObjectCode load)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var lowered = LowPriority.Run(() => LoadNewCode(load));
        report.Add(string.Create(CultureInfo.InvariantCulture,
            $"load_object_code {load.Application}-{load.Vsn} {Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds:0.000} ms{(lowered ? ", at low priority" : "")}"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LoadNewCode(LoadObjectCode load)
    {
        if (!toBoot.Applications.Any(a => a.Name == load.Application && a.Version == load.Vsn))
            throw new InvalidOperationException($"release {plan.To} has no application {load.Application}-{load.Vsn}");
        Context ??= new CodeLoadContext($"{toBoot.ReleaseName}-{plan.To}", BootMap.Assemblies(root, toBoot), RunningCode(changing, node.Code));
        foreach (var module in load.Modules)
        {
            var assembly = Context.LoadOwn(module);
            CodeWarmUp.PrepareServers(assembly); // a missing dependency shows up now, and no JIT work is left for the pause
            newCode[module] = assembly;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LoadModule(string module)
    {
        var assembly = NewCode(module);
        Remember(module);
        node.LoadCode(assembly);
        if (entryName == module)
        {
            if (!entryReplaced) previousEntry = Assembly.GetEntryAssembly();
            entryReplaced = true;
            Assembly.SetEntryAssembly(assembly);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ChangeCode(string module, bool down, object? extra)
    {
        Remember(module);
        var changes = node.ChangeCodeAsync(module, NewCode(module), OldVsnOf(module, down), extra, StepTimeout).GetAwaiter().GetResult();
        Changed(changes);
    }

    private OldVsn OldVsnOf(string module, bool down) => new(BootMap.ApplicationOf(fromBoot, module)?.Version ?? plan.From, down);

    private void Changed(IReadOnlyCollection<ServerCodeChange> changes)
    {
        if (changes.Any(c => c.Succeeded)) changedAny = true;
        if (changes.FirstOrDefault(c => !c.Succeeded) is { } failed)
            throw new CodeChangeFailedException(failed.Error!.Message, failed.Error);
    }

    /// <summary>
    /// Where a block <c>suspend [M]</c>, then only <c>load M</c> and <c>code_change</c> of M, then <c>resume [M]</c> starts
    /// at <paramref name="start"/> and M has one running server: the index of its resume (else null). The server's own
    /// worker then runs the block (<see cref="TryRunHeld"/>).
    /// </summary>
    private int? HeldBlockEnd(IReadOnlyList<Instruction> instructions, int start)
    {
        if (instructions[start] is not Suspend { Modules: [{ Module: var module }] } || suspended.Count > 0) return null;
        for (var i = start + 1; i < instructions.Count; i++)
        {
            switch (instructions[i])
            {
                case Load load when load.Module == module:
                case CodeChangeInstruction { Modules: [{ Module: var changed }] } when changed == module:
                    continue;
                case Resume { Modules: [var resumed] } when resumed == module:
                    return newCode.ContainsKey(module) && node.Registry.ImplementedIn(module).Count == 1 ? i : null;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Runs a block <see cref="HeldBlockEnd"/> found on the one server's own worker, between two of its messages: the
    /// suspend, each step and the resume follow one another on that thread, with no hand-off to the thread pool in
    /// between (three of them, each up to milliseconds on a busy node, were most of kv's pause). Same outcome as
    /// instruction by instruction: the code server and the callbacks move to the new code, a failed code change leaves
    /// the old code and state and is rolled back like any other.
    /// </summary>
    /// <returns>False when the server exited before its worker held it: the block then runs instruction by instruction.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryRunHeld(IReadOnlyList<Instruction> instructions, int start, int end)
    {
        var module = ((Suspend)instructions[start]).Modules[0].Module;
        var server = node.Registry.ImplementedIn(module)[0];
        // Each step's arguments are looked up before the suspend: inside the pause only the steps run (these lookups'
        // first run in a node, the boot file's search and the term printer among them, was ~0.1 ms of its first pause).
        var newCode = NewCode(module);
        var steps = new HeldStep[end - start - 1];
        for (var i = 0; i < steps.Length; i++)
        {
            var instruction = instructions[start + 1 + i];
            steps[i] = instruction is CodeChangeInstruction change
                ? new HeldStep(StepName(instruction), OldVsnOf(module, change.Mode == CodeChangeMode.Down), ExtraOf(change.Modules[0].Extra))
                : new HeldStep(StepName(instruction), null, null);
        }
        // A soft update (no code_change) still moves the server to the new code, keeping its state.
        OldVsn? softUpdate = Array.TrueForAll(steps, s => s.OldVsn is null) ? OldVsnOf(module, plan.IsDowngrade) : null;
        Remember(module);
        var hold = new Hold();
        TimeSpan pause;
        try
        {
            pause = node.RunSuspendedAsync(server, held => RunSteps(held, module, newCode, steps, softUpdate, hold), StepTimeout).GetAwaiter().GetResult();
        }
        catch (ServerExitedException) when (hold.HeldAt == 0)
        {
            return false;
        }
        // The hold's own cost (the worker's suspend and resume) is what the pause took beyond the steps.
        pauseSteps.Add("resume", pause - hold.InSteps);
        report.Add(string.Create(CultureInfo.InvariantCulture, $"pause {module} {pause.TotalMilliseconds:0.000} ms (1 servers)"));
        report.Add(pauseSteps.Flush(resumedAt: hold.HeldAt + (long)(pause.TotalSeconds * Stopwatch.Frequency)));
        Changed(hold.Changes);
        return true;
    }

    /// <summary>On the held server's worker: the block's load and code_change steps, each timed.</summary>
    private void RunSteps(HeldServer held, string module, Assembly newCode, HeldStep[] steps, OldVsn? softUpdate, Hold hold)
    {
        hold.HeldAt = Stopwatch.GetTimestamp();
        pauseSteps.Begin();
        pauseSteps.Add("suspend", hold.HeldAt);
        try
        {
            foreach (var step in steps)
            {
                var startedAt = Stopwatch.GetTimestamp();
                if (step.OldVsn is { } oldVsn) hold.Changes.Add(held.ChangeCode(newCode, oldVsn, step.Extra));
                else LoadModule(module);
                pauseSteps.Add(step.Name, startedAt);
                if (hold.AnyFailed) return;
            }
            if (softUpdate is { } vsn) hold.Changes.Add(held.ChangeCode(newCode, vsn, null));
        }
        finally
        {
            pauseSteps.EndOnThisThread();
            hold.InSteps = Stopwatch.GetElapsedTime(hold.HeldAt);
        }
    }

    /// <summary>A step of a held block, its arguments looked up: a code change (with the old version) or a load.</summary>
    private sealed record HeldStep(string Name, OldVsn? OldVsn, object? Extra);

    /// <summary>What the worker's run of a held block leaves for the handler (read once the hold has ended).</summary>
    private sealed class Hold
    {
        public long HeldAt { get; set; }
        public TimeSpan InSteps { get; set; }
        public List<ServerCodeChange> Changes { get; } = [];

        // A loop, not LINQ's Any with a lambda: it runs in the pause, where a first call's set-up is the clients' wait.
        public bool AnyFailed
        {
            get
            {
                foreach (var change in Changes)
                    if (!change.Succeeded) return true;
                return false;
            }
        }
    }

    private void ResumeModule(string module)
    {
        // A soft update (no code_change) still moves its suspended servers to the new code, keeping their state.
        if (newCode.ContainsKey(module) && node.Registry.ImplementedIn(module).Any(s => s.IsSuspended))
            ChangeCode(module, plan.IsDowngrade, null);
        var pauses = node.ResumeAsync(module, StepTimeout).GetAwaiter().GetResult();
        suspended.Remove(module);
        if (pauses.Count > 0)
            report.Add(string.Create(CultureInfo.InvariantCulture,
                $"pause {module} {pauses.Max(p => p.Pause).TotalMilliseconds:0.000} ms ({pauses.Count} servers)"));
    }

    /// <summary>
    /// The new context's resolver for unchanged assemblies. It captures the code server and the changing names only,
    /// never this runner, whose fields hold the new context's own assemblies.
    /// </summary>
    private static Func<string, Assembly?> RunningCode(HashSet<string> changing, CodeServer code) =>
        name => changing.Contains(name) ? null : code.Current(name);

    private Assembly NewCode(string module) =>
        newCode.TryGetValue(module, out var assembly) ? assembly
            : throw new InvalidOperationException($"{module} was not loaded by load_object_code");

    private void Remember(string module)
    {
        if (!previousCode.ContainsKey(module)) previousCode[module] = node.Code.Current(module);
    }

    /// <summary>Puts the old code back, resumes the servers and drops the new context.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RollBack()
    {
        foreach (var (module, assembly) in previousCode)
        {
            if (assembly is null) node.Code.Forget(module);
            else node.LoadCode(assembly);
        }
        if (entryReplaced && previousEntry is not null) Assembly.SetEntryAssembly(previousEntry);
        foreach (var module in suspended.ToList()) node.ResumeAsync(module, StepTimeout).GetAwaiter().GetResult();
        suspended.Clear();
        Discard();
    }

    private void Discard()
    {
        newCode.Clear();
        Context?.Unload();
        Context = null;
    }

    private static object? ExtraOf(Term extra) => extra is ErlList { Count: 0, ImproperTail: null } ? null : TermPrinter.Flat(extra);

    private static string MessageOf(Exception e) =>
        (e is TargetInvocationException { InnerException: { } inner } ? inner : e).Message.ReplaceLineEndings(" ");

    private sealed class CodeChangeFailedException(string message, Exception inner) : Exception(message, inner);
}
