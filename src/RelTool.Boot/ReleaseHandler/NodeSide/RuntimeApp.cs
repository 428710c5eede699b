using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using RelTool.Boot.Control;
using RelTool.Boot.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>Whether an entry assembly is written against RelTool.Runtime (and so is started through a Node).</summary>
public static class RuntimeApp
{
    public const string RuntimeAssemblyName = ReleaseLayout.RuntimeApplication;

    /// <summary>
    /// The path of the release's RelTool.Runtime when its entry assembly (at <paramref name="entryPath"/>) is written
    /// against it; null for any other app. A release that ships no RelTool.Runtime is known to be another app, and one
    /// that does records the answer in the runtimeconfig the launcher runs under
    /// (<see cref="ReleaseLayout.EntryOnRuntimeProperty"/>): the entry's metadata is read only for a release built
    /// before that (System.Reflection.Metadata's load and first use cost kv's node start 3–10 ms in paired rounds).
    /// </summary>
    public static string? RuntimeOf(ReleaseRoot root, BootFile boot, string entryPath) =>
        boot.Assemblies.FirstOrDefault(a => a.Culture.Length == 0 && a.Name == RuntimeAssemblyName) is { } runtime
        && EntryOnRuntime(entryPath)
            ? root.Resolve(runtime.Path)
            : null;

    private static bool EntryOnRuntime(string entryPath) =>
        AppContext.GetData(ReleaseLayout.EntryOnRuntimeProperty) is string recorded && bool.TryParse(recorded, out var onRuntime)
            ? onRuntime
            : Formats.AssemblyReferences.Of(entryPath).Contains(RuntimeAssemblyName);

    /// <summary>
    /// The node for such an app. Behind an interface and not inlined on purpose: NodeHost names none of RelTool.Runtime's
    /// types, so a node of an ordinary app (whose release ships no RelTool.Runtime) never needs that assembly.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IHostedApp Host(ReleaseContext release, ControlCommandTable commands, IReadOnlyList<string> appArgs) =>
        new RuntimeNodeHost(release, commands, appArgs);

    /// <summary>
    /// The launcher is built against RelTool.Runtime but does not ship it: the default context loads the release's
    /// own copy (lib/RelTool.Runtime-&lt;Vsn&gt;/) now, by path, so that every reference to it binds to that copy.
    /// Loaded by path rather than only from the Resolving event: the runtime checks what that event returns with a
    /// culture-aware name comparison, whose first use builds an ICU collator (measured: ~10 ms of kv's start). The
    /// event stays for a reference the loaded copy does not satisfy (a higher assembly version).
    /// </summary>
    /// <param name="runtimePath">The release's copy (<see cref="RuntimeOf"/>).</param>
    public static void ResolveFromRelease(string runtimePath)
    {
        if (!File.Exists(runtimePath)) throw new LauncherException(ExitCodes.Failure, $"{runtimePath}: the release's {RuntimeAssemblyName} is missing");
        AssemblyLoadContext.Default.LoadFromAssemblyPath(runtimePath);
        AssemblyLoadContext.Default.Resolving += (context, name) => name.Name == RuntimeAssemblyName ? context.LoadFromAssemblyPath(runtimePath) : null;
    }
}

/// <summary>An app the node runs on RelTool.Runtime (<see cref="RuntimeNodeHost"/>).</summary>
public interface IHostedApp
{
    /// <summary>Loads the entry assembly and makes it the process's entry assembly.</summary>
    void LoadEntry(string entryPath);

    /// <summary>Starts the entry application.</summary>
    void Start(string[] args);

    /// <summary>Serves until the node stops; the exit code.</summary>
    int Run();
}
