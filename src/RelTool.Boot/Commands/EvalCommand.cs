using System.Reflection;
using RelTool.Boot.Hosting;
using RelTool.Boot.Layout;
using RelTool.Boot.ReleaseHandler.NodeSide;
using RelTool.Formats.Layout;

namespace RelTool.Boot.Commands;

/// <summary>
/// eval TYPE.METHOD [ARGS...]: runs a public static method of the release's code in this fresh process, with the
/// environment and configuration a node gets (etc/&lt;name&gt;.env, REL_* variables, content root, etc/appsettings*.json
/// for a host the method builds), without starting the app or touching a running node: a migration, a one-off task.
/// Exits with the method's result (<see cref="StaticMethodCall"/>).
/// </summary>
public static class EvalCommand
{
    public static int Run(ReleaseContext release, IReadOnlyList<string> request, string command = LauncherCommands.Eval)
    {
        var root = release.Root;
        var boot = release.Boot;
        var entryPath = root.Resolve(boot.EntryAssemblyPath);
        if (!File.Exists(entryPath)) throw new LauncherException(ExitCodes.Failure, $"{entryPath}: the entry assembly is missing");
        var appDir = Path.GetDirectoryName(entryPath)!;

        foreach (var (key, value) in release.Environment) Environment.SetEnvironmentVariable(key, value);
        AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", appDir + "/");
        ContentRoot.Apply(appDir);
        using var etcAppSettings = EtcAppSettings.Watch(root.EtcDir);
        if (RuntimeApp.RuntimeOf(root, boot, entryPath) is { } runtimePath) RuntimeApp.ResolveFromRelease(runtimePath);

        var context = new ReleaseLoadContext(root, boot);
        context.ServeDefaultContext();
        var entry = context.LoadFromAssemblyPath(entryPath);
        Assembly.SetEntryAssembly(entry);
        var call = StaticMethodCall.Resolve(command, context, boot, entry, request);
        var outcome = call.Invoke(command);
        if (outcome.Output is not null) Console.WriteLine(outcome.Output);
        return outcome.ExitCode;
    }
}
