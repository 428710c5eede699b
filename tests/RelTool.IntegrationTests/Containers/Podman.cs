using System.Diagnostics;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.Containers;

/// <summary>
/// Debian's podman with storage, run state and configuration of its own under <see cref="Root"/> (nothing of the host's
/// podman is touched): runc, host networking, no default ulimits (what works on this machine), vfs storage, and never a
/// registry (images come from `load` and `import` only). Disposing removes every container it started and its storage.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class Podman : IDisposable
{
    private readonly List<string> containers = [];

    public Podman(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
        File.WriteAllText(ConfigFile, """
            [containers]
            default_ulimits = []
            netns = "host"

            [engine]
            runtime = "runc"
            """);
        // An empty registries list: a short name is never looked up anywhere.
        File.WriteAllText(RegistriesFile, "unqualified-search-registries = []\n");
    }

    public string Root { get; }
    private string ConfigFile => Path.Combine(Root, "containers.conf");
    private string RegistriesFile => Path.Combine(Root, "registries.conf");

    /// <summary>Which of podman, runc and skopeo are missing from PATH (.ci/run installs them).</summary>
    public static IReadOnlyList<string> MissingTools() =>
        new[] { "podman", "runc", "skopeo" }.Where(t => !OnPath(t)).ToList();

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>`podman ARGS` with this instance's storage and configuration.</summary>
    public Outcome Run(params string[] args) =>
        Exec("podman", ["--root", Path.Combine(Root, "storage"), "--runroot", Path.Combine(Root, "run"), "--storage-driver", "vfs",
            "--cgroup-manager", "cgroupfs", "--events-backend", "file", .. args],
            new Dictionary<string, string> { ["CONTAINERS_CONF"] = ConfigFile, ["CONTAINERS_REGISTRIES_CONF"] = RegistriesFile });

    public Outcome Checked(params string[] args)
    {
        var outcome = Run(args);
        if (outcome.ExitCode != 0) throw new InvalidOperationException($"podman {string.Join(' ', args)} failed: {outcome}");
        return outcome;
    }

    /// <summary>`podman load -i ARCHIVE`; returns the name podman gave the image.</summary>
    public string Load(string archive)
    {
        var loaded = Checked("load", "-i", archive);
        var line = (loaded.Stdout + loaded.Stderr).Split('\n').FirstOrDefault(l => l.StartsWith("Loaded image", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"podman load printed no image name: {loaded}");
        return line[(line.IndexOf(':') + 1)..].Trim().Split(',')[0].Trim();
    }

    /// <summary>`podman run -d` of <paramref name="image"/>; the container is removed on <see cref="Dispose"/>.</summary>
    public string Start(string image, IEnumerable<string> options)
    {
        var name = $"reltool-test-{Guid.NewGuid():N}"[..28];
        containers.Add(name);
        Checked(["run", "-d", "--pull=never", "--name", name, .. options, image]);
        return name;
    }

    public string Logs(string container) => Run("logs", container) is var o ? o.Stdout + o.Stderr : "";

    public static Outcome Exec(string file, IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }
        return new Outcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    public void Dispose()
    {
        foreach (var container in containers) Run("rm", "-f", "-t", "5", container);
        // conmon and the containers' processes are gone with `rm -f`; this catches any left from a failed start.
        ProcessTable.KillAllFrom(Root);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
