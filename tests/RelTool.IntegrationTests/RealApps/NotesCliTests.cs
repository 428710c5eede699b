using System.Diagnostics;
using RelTool.IntegrationTests.Boot;

namespace RelTool.IntegrationTests.RealApps;

/// <summary>The released CLI, run through `bin/notes.cli foreground -- ARGS`, against the same app run as `dotnet notes.dll ARGS`.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NotesCliTests(NotesCliRelease app) : IClassFixture<NotesCliRelease>, IDisposable
{
    public void Dispose() => ProcessTable.KillAllFrom(app.Tree.Root);

    /// <summary>Where the released app is run from: its relative notes.db lands there.</summary>
    private string ReleasedCaller => CallerDir("released-caller");

    /// <summary>Where the published app is run from, another folder than <see cref="ReleasedCaller"/> so each has its own notes.db.</summary>
    private string PublishedCaller => CallerDir("published-caller");

    private string CallerDir(string name) => Directory.CreateDirectory(Path.Combine(app.WorkDir, name)).FullName;

    private LauncherResult Released(IReadOnlyDictionary<string, string> env, params string[] args) =>
        LauncherRun.Run(app.Tree, ["foreground", "--", .. args], env, workingDirectory: ReleasedCaller);

    /// <summary>The publish output run as `dotnet PUBLISH/notes.dll ARGS` from <see cref="PublishedCaller"/>.</summary>
    private LauncherResult Published(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = PublishedCaller, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(app.PublishDir, "notes.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in env) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) { process.Kill(); throw new TimeoutException($"notes {string.Join(' ', args)}"); }
        process.WaitForExit();
        return new LauncherResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Every_command_prints_what_the_published_app_prints()
    {
        var english = new Dictionary<string, string> { ["LANG"] = "C.UTF-8" };
        var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8" };
        (IReadOnlyDictionary<string, string> Env, string[] Args)[] session =
        [
            (english, ["add", "buy milk", "--tag", "home"]),
            (english, ["add", "ship v5", "--tag", "work"]),
            (english, ["list"]),
            (english, ["list", "--format", "json"]),
            (english, ["list", "--format", "yaml"]),
            (english, ["count", "--culture", "de"]),
            (english, ["count", "--culture", "fr"]),
            (english, ["list", "--format", "xml"]),   // a usage error: System.CommandLine names the program
            (german, ["list", "--format", "xml"]),    // the same, from System.CommandLine's German satellite assembly
            (english, ["add"]),
        ];
        foreach (var (env, args) in session)
        {
            var expected = Published(env, args);
            var actual = Released(env, args);
            Assert.True(expected.ToString() == actual.ToString(),
                $"notes {string.Join(' ', args)}\n=== published\n{expected}\n=== released\n{actual}");
        }
        Assert.Contains("Optionen:", Released(german, "list", "--format", "xml").Stdout);
        Assert.Contains("Usage:\n  notes list [options]", Released(english, "list", "--format", "xml").Stdout);
        Assert.True(File.Exists(Path.Combine(ReleasedCaller, "notes.db")));   // the relative "notes.db" of notes.json
        Assert.False(File.Exists(Path.Combine(app.Tree.AppDir, "notes.db")));
        Assert.Empty(app.Processes);
    }

    [Fact]
    public void The_app_sees_its_entry_assembly_lib_dir_configuration_and_bundled_sqlite()
    {
        var env = new Dictionary<string, string>();
        var published = Published(env, "about");
        var released = Released(env, "about");
        Assert.True(released.ExitCode == 0, released.ToString());
        string[] Lines(LauncherResult r) => r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            Lines(published).Select(l => l.Replace(app.PublishDir + "/", "<base>/")),
            Lines(released).Select(l => l.Replace(app.Tree.AppDir + "/", "<base>/")));
        Assert.Contains("base " + app.Tree.AppDir + "/", released.Stdout);
        Assert.Contains("entry notes", released.Stdout);
        Assert.Equal(published.Stderr, released.Stderr);   // the console logger's warning
        Assert.True(File.Exists(Path.Combine(app.LibDir("SQLitePCLRaw.lib.e_sqlite3"), "libe_sqlite3.so")));
        Assert.DoesNotContain(Directory.GetFiles(app.Tree.Root, "*.so", SearchOption.AllDirectories), f => f.Contains("/runtimes/", StringComparison.Ordinal) && !f.Contains("/linux-x64/", StringComparison.Ordinal));
    }
}
