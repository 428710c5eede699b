using System.Reflection;

namespace RelTool.Runtime.Hosting;

/// <summary>
/// What the release's launcher does to a <see cref="Node"/> and its servers: attach the release handler, name the
/// current code, run the relup steps (<c>load</c>, <c>suspend</c>, <c>code_change</c>, <c>resume</c>). Extension
/// members, so that an app author's <c>using RelTool.Runtime;</c> does not show them.
/// </summary>
public static class NodeHosting
{
    extension(Node node)
    {
        /// <summary>Used by <see cref="Node.InstallReleaseAsync"/>.</summary>
        public IReleaseHandler? ReleaseHandler
        {
            get => node.ReleaseHandler;
            set => node.ReleaseHandler = value;
        }

        /// <summary>The current version of each loaded assembly.</summary>
        public CodeServer Code => node.Code;

        /// <summary>The started applications, in start order.</summary>
        public IReadOnlyList<RunningApplication> Applications
        {
            get
            {
                lock (node.RunningApplications)
                {
                    return node.RunningApplications.ToArray();
                }
            }
        }

        /// <summary>Records that the node now runs release <paramref name="version"/> (after an install).</summary>
        public void SetReleaseVersion(string version) => node.ReleaseVersion = version;

        /// <summary>Relup <c>{suspend, [Assembly]}</c>.</summary>
        public Task<IReadOnlyList<ServerRef>> SuspendAsync(string assembly, TimeSpan? timeout = null) =>
            CodeSwap.SuspendAsync(node.Registry, assembly, timeout ?? Node.DefaultTimeout);

        /// <summary>
        /// Relup <c>{code_change, up|down, [{Assembly, Extra}]}</c> after the new code was loaded: the suspended servers
        /// of <paramref name="assembly"/> and the application callbacks it holds move to <paramref name="newCode"/>,
        /// which becomes the current code for the assembly's name.
        /// </summary>
        public async Task<IReadOnlyList<ServerCodeChange>> ChangeCodeAsync(
            string assembly, Assembly newCode, OldVsn oldVsn, object? extra = null, TimeSpan? timeout = null)
        {
            node.Code.MakeCurrent(newCode);
            ReplaceApplicationCallbacks(node, assembly, newCode);
            return await CodeSwap.ChangeCodeAsync(node.Registry, assembly, newCode, oldVsn, extra, timeout ?? Node.DefaultTimeout)
                .ConfigureAwait(false);
        }

        /// <summary>
        /// Relup <c>{load, {Assembly, _, _}}</c>: <paramref name="newCode"/> becomes the current code for its name and the
        /// application callbacks it holds move to it. Running servers keep their code until a code change.
        /// </summary>
        public void LoadCode(Assembly newCode)
        {
            node.Code.MakeCurrent(newCode);
            ReplaceApplicationCallbacks(node, newCode.GetName().Name!, newCode);
        }

        /// <summary>Relup <c>{resume, [Assembly]}</c>; returns how long each server was paused.</summary>
        public Task<IReadOnlyList<(ServerRef Server, TimeSpan Pause)>> ResumeAsync(string assembly, TimeSpan? timeout = null) =>
            CodeSwap.ResumeAsync(node.Registry, assembly, timeout ?? Node.DefaultTimeout);

        /// <summary>
        /// Relup <c>suspend → load/code_change → resume</c> of one server, on that server's own worker between two of its
        /// messages: inside the pause no work moves between threads (each move is a thread-pool dispatch, up to
        /// milliseconds on a busy node). <paramref name="steps"/> gets the held server; what it throws comes back after
        /// the resume. Returns how long the server was suspended.
        /// </summary>
        public Task<TimeSpan> RunSuspendedAsync(ServerRef server, Action<HeldServer> steps, TimeSpan? timeout = null) =>
            server.RunSuspendedAsync(p => steps(new HeldServer(node, server, p))).WaitAsync(timeout ?? Node.DefaultTimeout);

        /// <summary>Suspend, code change and resume in one go, timing the pause.</summary>
        public async Task<CodeChangeReport> UpgradeAssemblyAsync(
            string assembly, Assembly newCode, OldVsn oldVsn, object? extra = null, TimeSpan? timeout = null)
        {
            node.Code.MakeCurrent(newCode);
            ReplaceApplicationCallbacks(node, assembly, newCode);
            return await CodeSwap.UpgradeAsync(node.Registry, assembly, newCode, oldVsn, extra, timeout ?? Node.DefaultTimeout)
                .ConfigureAwait(false);
        }
    }

    extension(Node)
    {
        /// <summary>The one public, concrete <see cref="IApplication"/> of an assembly, created.</summary>
        public static IApplication CreateApplication(Assembly assembly)
        {
            var candidates = assembly.GetExportedTypes()
                .Where(t => typeof(IApplication).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .ToArray();
            return candidates.Length switch
            {
                1 => (IApplication)Activator.CreateInstance(candidates[0])!,
                0 => throw new InvalidOperationException($"{assembly.GetName().Name} has no public IApplication"),
                _ => throw new InvalidOperationException(
                    $"{assembly.GetName().Name} has several IApplication types: {string.Join(", ", candidates.Select(t => t.FullName))}"),
            };
        }
    }

    // The members below forward to internal members of the same name: inside this assembly those bind first, so
    // there is no recursion; outside it they are invisible and only these extensions are seen.
    extension(ServerRef server)
    {
        /// <summary>The type of the current implementation; null once the server has exited.</summary>
        public Type? ImplementationType => server.ImplementationType;

        public bool IsSuspended => server.IsSuspended;

        /// <summary>How long the last suspend → resume lasted.</summary>
        public TimeSpan? LastPause => server.LastPause;

        /// <summary>Completes once the worker has finished its current message; later messages queue (<c>sys:suspend</c>).</summary>
        public Task SuspendAsync() => server.SuspendAsync();

        /// <summary>Continues with the queued messages; returns how long the server was suspended (<c>sys:resume</c>).</summary>
        public Task<TimeSpan> ResumeAsync() => server.ResumeAsync();

        /// <summary>
        /// Replaces the implementation of a suspended server with <paramref name="next"/>, migrating the state
        /// through <c>next.CodeChange(exportedState, oldVsn, extra)</c> (<c>sys:change_code</c>). Throws
        /// <see cref="CodeChangeException"/> when it fails; the server then keeps its old code and state.
        /// </summary>
        public Task ChangeCodeAsync(Server next, OldVsn oldVsn, object? extra = null) => server.ChangeCodeAsync(next, oldVsn, extra);
    }

    extension(ServerRegistry registry)
    {
        /// <summary>The running servers whose implementation lives in the assembly with this simple name.</summary>
        public IReadOnlyList<ServerRef> ImplementedIn(string assemblySimpleName) => registry.ImplementedIn(assemblySimpleName);
    }

    private static void ReplaceApplicationCallbacks(Node node, string assembly, Assembly newCode)
    {
        foreach (var application in node.Applications)
        {
            var type = application.Callback.GetType();
            if (type.Assembly.GetName().Name == assembly && newCode.GetType(type.FullName!) is { } next)
            {
                application.Callback = (IApplication)Activator.CreateInstance(next)!;
            }
        }
    }
}
