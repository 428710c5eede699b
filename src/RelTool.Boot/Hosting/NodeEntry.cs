using System.Reflection;
using RelTool.Boot.Commands;
using RelTool.Boot.Layout;

namespace RelTool.Boot.Hosting;

/// <summary>
/// A node whose app is the process's entry program, as under `dotnet app.dll`: for a release without RelTool.Runtime,
/// bin/&lt;name&gt; runs `foreground [--detached] [-- ARGS]` as `dotnet exec` with releases/&lt;Vsn&gt;/node.args (the
/// release's start.deps.json puts every lib/&lt;App&gt;-&lt;Vsn&gt;/ and the launcher on the app's assembly list) and
/// names this assembly in DOTNET_STARTUP_HOOKS. The runtime calls <see cref="Initialize"/> before the app's Main; it
/// does what the launcher's `foreground` does before it calls Main. Measured against the launcher loading the app
/// itself: the app's assemblies then load into the default context from the host's list, as they do for `dotnet
/// app.dll`, and the launcher's own start (its Main, a second load context) is gone (docs/benchmarks.md).
/// </summary>
public static class NodeEntry
{
    /// <summary>"foreground" or "detached" (`start`'s node), set by bin/&lt;name&gt;.</summary>
    public const string ModeVariable = "RELTOOL_NODE";
    public const string DetachedMode = "detached";
    public const string RootVariable = "RELTOOL_NODE_ROOT";
    /// <summary>The release's name (the script's REL_NAME): start.boot is then read off the main thread (~5 ms of its start).</summary>
    public const string NameVariable = "RELTOOL_NODE_NAME";
    public const string StartupHooksVariable = "DOTNET_STARTUP_HOOKS";
    /// <summary>The hook as bin/&lt;name&gt; names it: by assembly name, resolved from the app's assembly list.</summary>
    public const string HookName = ReleaseLayout.LauncherApplication;

    public static void Initialize()
    {
        var mode = Environment.GetEnvironmentVariable(ModeVariable);
        var rootDir = Environment.GetEnvironmentVariable(RootVariable);
        var name = Environment.GetEnvironmentVariable(NameVariable);
        // What the app starts (another dotnet, bin/<name> ping) must not become a node or load this hook.
        foreach (var variable in new[] { ModeVariable, RootVariable, NameVariable }) Environment.SetEnvironmentVariable(variable, null);
        Environment.SetEnvironmentVariable(StartupHooksVariable, OtherHooks(Environment.GetEnvironmentVariable(StartupHooksVariable)));
        if (mode is null || rootDir is null) return;
        try
        {
            var detached = mode == DetachedMode;
            var root = new ReleaseRoot(rootDir);
            HandlerLock.CompleteRecordedChangeIfFree(root);
            var release = new ReleaseContext(root, name is { Length: > 0 } ? name : null);
            var program = Assembly.GetEntryAssembly() ?? throw new LauncherException(ExitCodes.Failure, "the runtime named no entry assembly");
            // Element 0 is the entry assembly's path, as for `dotnet app.dll`; the rest are the app's arguments.
            var appArgs = Environment.GetCommandLineArgs()[1..];
            if (!detached) Hooks.Run(release, "pre_start");
            NodeHost.StartAround(release, appArgs, detached, program);
        }
        catch (Exception e) when (LauncherException.IsReported(e))
        {
            Environment.Exit(LauncherException.Report(e));
        }
    }

    /// <summary>DOTNET_STARTUP_HOOKS without this hook (null when nothing is left): the caller's own hooks stay for the app's children.</summary>
    public static string? OtherHooks(string? hooks)
    {
        if (hooks is null) return null;
        var others = hooks.Split(Path.PathSeparator).Where(h => h.Length > 0 && h != HookName).ToArray();
        return others.Length == 0 ? null : string.Join(Path.PathSeparator, others);
    }
}
