using System.Collections.Immutable;
using RelTool.Core.Build;
using RelTool.Core.Config;
using RelTool.Core.Layout;
using RelTool.Core.Layout.Manifests;
using RelTool.Core.Targets;
using RelTool.Formats;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Core.Release;

/// <summary>Writes the whole release for one version into a staging folder, from the publish output and the tool's files.</summary>
public static class ReleaseStager
{
    public static StagedRelease Stage(
        ReleasePlan plan, PublishResult publish, ImmutableArray<PackagedApplication> applications, RuntimeSelection runtime,
        string version, ToolFiles tool, string root, string output, IReleaseProgress progress, AppHostLauncher? appHost = null)
    {
        progress.Step("laying out the release");
        var bootDirectory = tool.BootDirectoryFor(plan.RuntimeIdentifier);
        var launcher = LauncherApplication.From(tool, bootDirectory);
        var loadOrder = LoadOrder.DependenciesFirst(applications);
        if (loadOrder.Any(a => a.Name == launcher.Name))
            throw new ReleaseException($"the app has an application named {launcher.Name}, which is reserved for the launcher");
        ImmutableArray<PackagedApplication> all = [launcher, .. loadOrder];
        var staged = new StagedRelease(root, plan.Name, version, runtime, plan.Environment.IncludeRuntime, all);

        foreach (var application in loadOrder) WriteApplication(application, publish.PublishDirectory, root);
        WriteApplication(launcher, bootDirectory, root);
        string? launcherExecutable = null;
        if (appHost is not null)
        {
            launcherExecutable = $"{launcher.LibDirectory}/{appHost.Target.ExecutableName(ReleaseLayout.LauncherApplication)}";
            var destination = Path.Combine(root, launcherExecutable);
            progress.Step($"writing the {appHost.Target.RuntimeIdentifier} launcher {launcherExecutable}");
            AppHostWriter.Create(appHost.SdkDirectory, appHost.Source, destination, ReleaseLayout.LauncherAssemblyFileName, appHost.Target);
            MakeExecutable(destination);
        }

        var releaseDirectory = staged.ReleaseDirectory;
        Directory.CreateDirectory(releaseDirectory);
        Write(Path.Combine(releaseDirectory, ReleaseLayout.RelFileName(plan.Name)), RelManifest.Format(plan.Name, version, runtime.RuntimeVersion, all));
        var boot = BootFileBuilder.Build(plan.Name, version, runtime, loadOrder, publish.AssemblyName, plan.RuntimeIdentifier);
        Write(Path.Combine(releaseDirectory, ReleaseLayout.BootFileName), boot.Format());
        var hotUpgrades = loadOrder.Any(a => a.Name == ReleaseLayout.RuntimeApplication);
        // Whether the node starts the entry on RelTool.Runtime: read here once, not by the launcher at every start.
        bool? entryOnRuntime = hotUpgrades ? AssemblyReferences.Of(Path.Combine(root, boot.EntryAssemblyPath)).Contains(ReleaseLayout.RuntimeApplication) : null;
        var runtimeConfig = WriteRuntimeConfig(Path.Combine(publish.PublishDirectory, publish.RuntimeConfigFileName), Path.Combine(releaseDirectory, ReleaseLayout.RuntimeConfigFileName),
            entryOnRuntime, pinnedTo: plan.Environment.IncludeRuntime ? runtime.Frameworks : null);
        Write(Path.Combine(releaseDirectory, ReleaseLayout.HostArgsFileName), HostArgs.Format(version, launcher.LibDirectory, launcherExecutable));
        WriteClientArgs(root, releaseDirectory, launcher);
        WriteNodeArgs(root, releaseDirectory, version, runtime, plan.RuntimeIdentifier, launcher, loadOrder, boot, runtimeConfig, hotUpgrades, launcherExecutable);
        CopyHooks(plan, releaseDirectory);
        if (plan.HealthUrl is { } healthUrl) Write(Path.Combine(releaseDirectory, ReleaseLayout.HealthUrlFileName), HealthUrl.Format(healthUrl));
        WriteCommands(plan, releaseDirectory);
        if (plan.LogRotation is { } rotation) Write(Path.Combine(releaseDirectory, ReleaseLayout.LogRotationFileName), rotation.Format());

        var variables = TemplateText.ReleaseVariables(
            plan.Name, version, runtime.RuntimeVersion, plan.Environment.Name, plan.Environment.Configuration, plan.RuntimeIdentifier, tool.Version);
        OverlayWriter.Apply(plan.Overlays, plan.BaseDirectory, root, variables);

        if (plan.Environment.IncludeRuntime)
        {
            var existingRuntime = new ReleaseRoot(output).RuntimeDir;
            var present = Directory.Exists(Path.Combine(existingRuntime, "shared", RuntimeSelection.NetCoreApp, runtime.RuntimeVersion));
            progress.Step(present
                ? $"runtime {runtime.RuntimeVersion}: already in {existingRuntime}"
                : $"copying runtime {runtime.RuntimeVersion} from {runtime.Origin ?? runtime.DotnetRoot}");
            staged = staged with { Grafts = RuntimeCopier.Copy(runtime, new ReleaseRoot(root).RuntimeDir, existingRuntime) };
        }

        WriteLauncherScript(plan, tool, root, variables);
        var releases = new ReleasesFile([ReleasesManifest.Entry(plan.Name, version, runtime.RuntimeVersion, all)]);
        Write(new ReleaseRoot(root).ReleasesFilePath, releases.Format());
        Write(new ReleaseRoot(root).StartErlDataPath, new StartErlData(runtime.RuntimeVersion, version).Format());
        return staged;
    }

    /// <summary>
    /// Where runtime/ has no dotnet muxer (a foreign RID's runtime packs): the target's apphost to bind to the launcher
    /// DLL (<see cref="Source"/>), and the SDK whose HostWriter binds it.
    /// </summary>
    public sealed record AppHostLauncher(string Source, string SdkDirectory, Targets.TargetPlatform Target);

    /// <param name="pinnedTo">The frameworks runtime/ bundles, to which the release is pinned (<see cref="PinnedRuntimeConfig"/>); null without a bundled runtime.</param>
    /// <returns>The text written.</returns>
    /// <param name="entryOnRuntime">Null for a release without RelTool.Runtime (its runtimeconfig stays the app's).</param>
    private static string WriteRuntimeConfig(string published, string target, bool? entryOnRuntime, IReadOnlyList<ResolvedFramework>? pinnedTo)
    {
        var text = File.ReadAllText(published);
        if (entryOnRuntime is { } onRuntime) text = HotUpgradeRuntimeConfig.Apply(text, published, onRuntime);
        if (pinnedTo is not null) text = PinnedRuntimeConfig.Apply(text, published, pinnedTo);
        Write(target, text);
        return text;
    }

    private static void WriteApplication(PackagedApplication application, string sourceDirectory, string root)
    {
        var directory = new ReleaseRoot(root).LibDirOf(application.DirectoryName);
        Directory.CreateDirectory(directory);
        foreach (var file in application.Files)
            FileTree.CopyFile(Path.Combine(sourceDirectory, file.RelativePath), Path.Combine(directory, file.RelativePath));
        var manifest = Path.Combine(directory, ReleaseLayout.AppFileName(application.Name));
        if (File.Exists(manifest)) throw new ReleaseException($"{application.Name} publishes a file named {ReleaseLayout.AppFileName(application.Name)}, which the release needs for its .app");
        Write(manifest, AppManifest.Format(application));
    }

    private static void CopyHooks(ReleasePlan plan, string releaseDirectory)
    {
        foreach (var (kind, script) in plan.Hooks.OrderBy(h => h.Key))
        {
            var source = Path.GetFullPath(script, plan.BaseDirectory);
            if (!File.Exists(source))
                throw new ReleaseException($"{plan.ConfigFile}: hook {HookNames.KeyOf(kind)}: {source} does not exist");
            var target = Path.Combine(releaseDirectory, "hooks", HookNames.KeyOf(kind) + ".sh");
            FileTree.CopyFile(source, target);
            MakeExecutable(target);
        }
    }

    /// <summary>releases/&lt;vsn&gt;/commands.txt, and each script command copied to releases/&lt;vsn&gt;/commands/&lt;name&gt;.sh (mode 0755).</summary>
    private static void WriteCommands(ReleasePlan plan, string releaseDirectory)
    {
        if (plan.Commands.IsEmpty) return;
        var written = new List<ReleaseCommand>();
        foreach (var command in plan.Commands)
        {
            if (command.Kind == ReleaseCommandKind.Eval)
            {
                written.Add(command);
                continue;
            }
            var source = Path.GetFullPath(command.Target, plan.BaseDirectory);
            if (!File.Exists(source))
                throw new ReleaseException($"{plan.ConfigFile}: command {command.Name}: {source} does not exist");
            var script = ReleaseCommands.ScriptPath(command.Name);
            var target = Path.Combine(releaseDirectory, script);
            FileTree.CopyFile(source, target);
            MakeExecutable(target);
            written.Add(command with { Target = script });
        }
        Write(Path.Combine(releaseDirectory, ReleaseLayout.CommandsFileName), ReleaseCommands.Format(written));
    }

    /// <summary>
    /// node.args and start.deps.json: an app without RelTool.Runtime runs as the node's entry program, as under `dotnet
    /// app.dll` (src/RelTool.Boot/Hosting/NodeEntry.cs). Not for an app with hot upgrades (its code loads into
    /// collectible contexts of the launcher's), nor where the launcher is a foreign RID's apphost (no muxer to run the
    /// app), nor for an app that turned startup hooks off, nor for a release the host cannot take as one assembly list
    /// (<see cref="StartDepsFile.Format"/>).
    /// </summary>
    private static void WriteNodeArgs(string root, string releaseDirectory, string version, RuntimeSelection runtime, string? runtimeIdentifier,
        PackagedApplication launcher, IReadOnlyList<PackagedApplication> loadOrder, BootFile boot, string runtimeConfig, bool hotUpgrades, string? launcherExecutable)
    {
        if (hotUpgrades || launcherExecutable is not null || !StartDepsFile.RunsStartupHooks(runtimeConfig)) return;
        if (StartDepsFile.Format(root, runtime.RuntimeVersion, runtimeIdentifier, [.. loadOrder, launcher]) is not { } deps) return;
        Write(Path.Combine(releaseDirectory, ReleaseLayout.StartDepsFileName), deps);
        Write(Path.Combine(releaseDirectory, ReleaseLayout.NodeArgsFileName), HostArgs.FormatNode(version, boot.EntryAssemblyPath));
    }

    /// <summary>
    /// releases/&lt;vsn&gt;/client.args where the launcher's files (the tool's build for this target) hold its native client,
    /// which the copy leaves without its mode: bin/&lt;name&gt; runs it for the commands that run no app code.
    /// </summary>
    private static void WriteClientArgs(string root, string releaseDirectory, PackagedApplication launcher)
    {
        var client = Path.Combine(new ReleaseRoot(root).LibDirOf(launcher.DirectoryName), ReleaseLayout.LauncherClientFileName);
        if (!File.Exists(client)) return;
        MakeExecutable(client);
        Write(Path.Combine(releaseDirectory, ReleaseLayout.ClientArgsFileName), HostArgs.FormatClient(launcher.LibDirectory));
    }

    private static void WriteLauncherScript(ReleasePlan plan, ToolFiles tool, string root, IReadOnlyDictionary<string, string> variables)
    {
        var template = tool.Template("bin/release.sh", plan.BaseDirectory);
        if (!File.Exists(template)) throw new ReleaseException($"the launcher script template is missing: {template}; reinstall reltool");
        var target = new ReleaseRoot(root).BinScript(plan.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // The commands the script hands to the launcher's native client, as a `case` pattern: the list lives in one place.
        var scriptVariables = new Dictionary<string, string>(variables) { ["launcher_client_commands"] = string.Join('|', LauncherCommands.RunByNativeClient) };
        File.WriteAllText(target, TemplateText.Render(File.ReadAllText(template), scriptVariables, template));
        MakeExecutable(target);
    }

    internal static void MakeExecutable(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                       UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static void Write(string path, string text) => File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
}
