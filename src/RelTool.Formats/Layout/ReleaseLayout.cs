using System.Collections.Immutable;

namespace RelTool.Formats.Layout;

/// <summary>
/// The names of a release root (docs/release-layout.md), the one place they are spelled: `reltool release` writes
/// them, the launcher and `reltool inspect`/`diff` read them. Relative paths here are '/'-separated, as manifests and
/// tarballs hold them; <see cref="ReleaseRoot"/> gives the same paths under a directory.
/// </summary>
public static class ReleaseLayout
{
    public const string BinDir = "bin";
    public const string LibDir = "lib";
    public const string RuntimeDir = "runtime";
    public const string ReleasesDir = "releases";
    public const string LogDir = "log";
    public const string TmpDir = "tmp";
    /// <summary>The operator's files: never written by unpack, install, upgrade or downgrade (overlays only seed missing ones).</summary>
    public const string EtcDir = "etc";

    /// <summary>The top-level folders a release build owns; anything else at the top comes from overlays.</summary>
    public static readonly ImmutableArray<string> BuiltTopLevel = [BinDir, LibDir, RuntimeDir, ReleasesDir];

    /// <summary>The top-level folders that hold one entry per version (lib/&lt;App&gt;-&lt;Vsn&gt;, runtime/shared/.../&lt;v&gt;, releases/&lt;Vsn&gt;).</summary>
    public static readonly ImmutableArray<string> VersionedTopLevel = [LibDir, RuntimeDir, ReleasesDir];

    // releases/
    public const string ReleasesFileName = "RELEASES";
    public const string StartErlDataFileName = "start_erl.data";
    public const string CookieFileName = "COOKIE";
    /// <summary>Held by the release-handler command or start that is changing the root.</summary>
    public const string HandlerLockFileName = ".lock";
    /// <summary>A change of RELEASES and start_erl.data under way (<see cref="PendingReleaseState"/>).</summary>
    public const string PendingFileName = ".pending";

    // tmp/ (at run time only)
    /// <summary>The node's control socket when its path fits in sun_path; else <see cref="ControlRecordFileName"/> names where it is.</summary>
    public const string ControlSocketFileName = "control.sock";
    /// <summary>Where a successor node (an overlapped install) answers until it takes over the release root.</summary>
    public const string SuccessorSocketFileName = "control.next.sock";
    public const string ControlRecordFileName = "control.path";

    // releases/<Vsn>/
    public const string BootFileName = "start.boot";
    public const string RelupFileName = "relup";
    public const string HostArgsFileName = "host.args";
    /// <summary>How bin/&lt;name&gt; starts a node whose app is the entry program (<see cref="HostArgs.FormatNode"/>).</summary>
    public const string NodeArgsFileName = "node.args";
    /// <summary>How bin/&lt;name&gt; runs the launcher's native client, where the release has one (<see cref="HostArgs.FormatClient"/>).</summary>
    public const string ClientArgsFileName = "client.args";
    /// <summary>The assembly list of such a node: every lib/&lt;App&gt;-&lt;Vsn&gt;/ of the release, the launcher's too.</summary>
    public const string StartDepsFileName = "start.deps.json";
    public const string HealthUrlFileName = "health_url";
    /// <summary>The entry project's runtimeconfig.json, which the launcher runs under.</summary>
    public const string RuntimeConfigFileName = "start.runtimeconfig.json";
    /// <summary>
    /// A configProperties entry of <see cref="RuntimeConfigFileName"/>, true or false, in a release that ships
    /// RelTool.Runtime: whether the entry assembly is written against it (and so is started on a Node). The launcher,
    /// which runs under that file, reads it with AppContext.GetData instead of the entry's metadata (why: RuntimeApp).
    /// Absent in releases built before it was recorded: the launcher then reads the metadata.
    /// </summary>
    public const string EntryOnRuntimeProperty = "RelTool.EntryOnRuntime";
    public const string HooksDir = "hooks";
    /// <summary>"MAX_BYTES FILES": how log/&lt;name&gt;.log rotates (<see cref="Manifests.LogRotation"/>).</summary>
    public const string LogRotationFileName = "log_rotation";
    /// <summary>The release's own launcher commands (<see cref="Manifests.ReleaseCommands"/>); their scripts are in <see cref="CommandScriptsDir"/>.</summary>
    public const string CommandsFileName = "commands.txt";
    public const string CommandScriptsDir = "commands";
    /// <summary>sha256sum's format, paths relative to the release root (<see cref="Trust.TrustFiles"/>).</summary>
    public const string ChecksumsFileName = "SHA256SUMS";
    /// <summary>*.pub: the keys an installed release accepts upgrade tarballs from.</summary>
    public const string TrustedKeysDir = "trusted_keys";
    /// <summary>&lt;name&gt;.cdx.json, the CycloneDX SBOM.</summary>
    public static string SbomFileName(string releaseName) => releaseName + ".cdx.json";

    /// <summary>The application (lib/RelTool.Runtime-&lt;Vsn&gt;/) whose presence makes a release live-upgradable.</summary>
    public const string RuntimeApplication = "RelTool.Runtime";
    /// <summary>The launcher's application (lib/RelTool.Boot-&lt;Vsn&gt;/), its assembly and its apphost's name.</summary>
    public const string LauncherApplication = "RelTool.Boot";
    public const string LauncherAssemblyFileName = LauncherApplication + ".dll";
    public const string LauncherDepsFileName = LauncherApplication + ".deps.json";
    /// <summary>
    /// The launcher compiled ahead of time to a native executable, in its lib dir beside the DLL where the tool has that
    /// build for the release's target: it runs the commands that run no app code without starting a runtime.
    /// </summary>
    public const string LauncherClientFileName = "reltool-client";

    /// <summary>releases/&lt;Vsn&gt;/&lt;name&gt;.rel</summary>
    public static string RelFileName(string releaseName) => releaseName + ".rel";
    public const string RelFileExtension = ".rel";
    /// <summary>lib/&lt;App&gt;-&lt;Vsn&gt;/&lt;App&gt;.app</summary>
    public static string AppFileName(string application) => application + ".app";
    public const string AppFileExtension = ".app";
    /// <summary>&lt;App&gt;-&lt;Vsn&gt;: the folder of one application version under lib/.</summary>
    public static string LibDirName(string application, string version) => $"{application}-{version}";

    // '/'-separated paths relative to the root.
    public const string ReleasesFilePath = ReleasesDir + "/" + ReleasesFileName;
    public const string StartErlDataPath = ReleasesDir + "/" + StartErlDataFileName;
    public static string ReleaseDirPath(string version) => $"{ReleasesDir}/{version}";
    public static string ReleaseFilePath(string version, string fileName) => $"{ReleasesDir}/{version}/{fileName}";
    public static string LibDirPath(string application, string version) => $"{LibDir}/{LibDirName(application, version)}";
    public static string LibDirPath(string libDirName) => $"{LibDir}/{libDirName}";
    public static string BinScriptPath(string releaseName) => $"{BinDir}/{releaseName}";
}
