using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.Upgrade;

namespace RelTool.IntegrationTests.RestartUpgrade;

/// <summary>A RestartWeb release extracted into an empty temp dir and started on a free loopback port (PORT); stopped and removed on dispose.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class WebTarget : IDisposable
{
    private readonly TargetNode node;

    public WebTarget(string tarball, string version, params string[] appArgs)
        : this(tarball, version, new Dictionary<string, string>(), appArgs)
    {
    }

    /// <param name="env">Variables of the node besides PORT.</param>
    public WebTarget(string tarball, string version, IReadOnlyDictionary<string, string> env, params string[] appArgs)
    {
        Port = Boot.Posix.FreeLoopbackPort();
        node = new TargetNode(tarball, RestartWebReleases.Name, version, new(env) { ["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var started = node.Run(appArgs.Length == 0 ? ["start"] : ["start", "--", .. appArgs]);
        Assert.True(started.ExitCode == 0, started.ToString());
    }

    public int Port { get; }
    public string Root => node.Root;
    public string Log => node.Log;

    public LauncherResult Run(params string[] args) => node.Run(args);

    public LauncherResult Run(IReadOnlyDictionary<string, string> extraEnv, params string[] args) => node.Run(extraEnv, args);

    /// <summary>Runs bin/restartweb as an operator would from another shell: without the node's PORT.</summary>
    public LauncherResult RunWithoutNodeEnvironment(params string[] args) => RunWithoutNodeEnvironment(new Dictionary<string, string>(), args);

    public LauncherResult RunWithoutNodeEnvironment(IReadOnlyDictionary<string, string> env, params string[] args) =>
        LauncherRun.Run(node.Tree, args, env.ToDictionary(), timeoutSeconds: 180);

    /// <summary>Puts a tarball where `upgrade VSN` looks for it: releases/VSN/.</summary>
    public void Deliver(string tarball, string version)
    {
        var dir = Path.Combine(Root, "releases", version);
        Directory.CreateDirectory(dir);
        File.Copy(tarball, Path.Combine(dir, Path.GetFileName(tarball)));
    }

    public string Get(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(10) };
        return http.GetStringAsync(path).GetAwaiter().GetResult();
    }

    public string StartErlData => File.ReadAllText(Path.Combine(Root, "releases", "start_erl.data")).Trim();

    /// <summary>`versions` as "VSN STATUS[ FLAGS]" lines, without the release name.</summary>
    public IReadOnlyList<string> Versions()
    {
        var result = node.Run("versions");
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[(RestartWebReleases.Name.Length + 1)..]).Order(StringComparer.Ordinal)];
    }

    public void Dispose() => node.Dispose();
}
