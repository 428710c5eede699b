namespace RelTool.Formats.Layout;

/// <summary>
/// releases/&lt;Vsn&gt;/host.args: how bin/&lt;name&gt; starts the launcher, one argument per line, paths relative to the root.
/// The first line is `exec` when a dotnet muxer runs the launcher DLL (runtime/dotnet, or the host's dotnet), or
/// the launcher executable itself: the target's apphost bound to the launcher DLL, where runtime/ was laid out from a
/// foreign RID's runtime packs, which hold no muxer. The apphost takes --runtimeconfig and --depsfile as the muxer's
/// exec does, so the release's start.runtimeconfig.json applies either way. bin/&lt;name&gt; (a shell script) reads it.
/// </summary>
public static class HostArgs
{
    /// <param name="launcherExecutable">The apphost's path relative to the root, or null to go through a dotnet muxer.</param>
    public static string Format(string releaseVersion, string bootLibDirectory, string? launcherExecutable = null) =>
        string.Join("\n",
        [
            launcherExecutable ?? "exec",
            "--runtimeconfig", ReleaseLayout.ReleaseFilePath(releaseVersion, ReleaseLayout.RuntimeConfigFileName),
            "--depsfile", $"{bootLibDirectory}/{ReleaseLayout.LauncherDepsFileName}",
            .. launcherExecutable is null ? new[] { $"{bootLibDirectory}/{ReleaseLayout.LauncherAssemblyFileName}" } : [],
        ]) + "\n";

    /// <summary>
    /// releases/&lt;Vsn&gt;/node.args, in the same form: a dotnet muxer runs the app's entry assembly (not the launcher)
    /// under the release's runtimeconfig, with start.deps.json as its assembly list and lib/ as the folder its entries
    /// (lib/&lt;App&gt;-&lt;Vsn&gt;/) are found in; bin/&lt;name&gt; adds the launcher as a startup hook.
    /// </summary>
    public static string FormatNode(string releaseVersion, string entryAssemblyPath) =>
        string.Join("\n",
        [
            "exec",
            "--runtimeconfig", ReleaseLayout.ReleaseFilePath(releaseVersion, ReleaseLayout.RuntimeConfigFileName),
            "--depsfile", ReleaseLayout.ReleaseFilePath(releaseVersion, ReleaseLayout.StartDepsFileName),
            "--additionalprobingpath", ReleaseLayout.LibDir,
            entryAssemblyPath,
        ]) + "\n";

    /// <summary>
    /// releases/&lt;Vsn&gt;/client.args, in the same form: the launcher's native client (<see cref="ReleaseLayout.LauncherClientFileName"/>),
    /// which bin/&lt;name&gt; runs instead of the launcher DLL for the commands that run no app code in their own process
    /// (<see cref="LauncherCommands.RunByNativeClient"/>).
    /// </summary>
    public static string FormatClient(string bootLibDirectory) => $"{bootLibDirectory}/{ReleaseLayout.LauncherClientFileName}\n";

    public static void Write(string path, string releaseVersion, string bootLibDirectory, string? launcherExecutable = null) =>
        AtomicFile.WriteAllText(path, Format(releaseVersion, bootLibDirectory, launcherExecutable));
}
