using RelTool.Formats.Terms;

namespace RelTool.Tests.Diff;

/// <summary>Writes release directories as `reltool release` lays them out (docs/release-layout.md), in a temp folder.</summary>
internal sealed class TestRelease : IDisposable
{
    public TestRelease() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "reltool-test-" + Guid.NewGuid().ToString("N"));

    public sealed record App(string Name, string Version, Dictionary<string, byte[]> Files);

    public static App MakeApp(string name, string version, params (string Path, byte[] Data)[] files) =>
        new(name, version, files.ToDictionary(f => f.Path, f => f.Data));

    /// <summary>releases/&lt;version&gt;/&lt;name&gt;.rel, lib/&lt;App&gt;-&lt;Vsn&gt;/ with files and .app, start_erl.data naming this version.</summary>
    public string Write(string version, params App[] apps) => Write("kv", version, "10.0.0", apps);

    public string Write(string name, string version, string runtime, params App[] apps)
    {
        var releaseDir = Path.Combine(Root, "releases", version);
        Directory.CreateDirectory(releaseDir);
        var rel = Erl.Tuple(Erl.Atom("release"), Erl.Tuple(Erl.Str(name), Erl.Str(version)), Erl.Tuple(Erl.Atom("erts"), Erl.Str(runtime)),
            Erl.List(apps.Select(a => (Term)Erl.Tuple(Erl.Atom(a.Name), Erl.Str(a.Version)))));
        File.WriteAllText(Path.Combine(releaseDir, name + ".rel"), ConsultFile.FormatTerms(rel));
        foreach (var app in apps)
        {
            var dir = Path.Combine(Root, "lib", $"{app.Name}-{app.Version}");
            Directory.CreateDirectory(dir);
            foreach (var (path, data) in app.Files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
                File.WriteAllBytes(Path.Combine(dir, path), data);
            }
            var modules = app.Files.Keys.Where(p => !p.Contains('/') && p.EndsWith(".dll")).Select(p => (Term)Erl.Atom(p[..^4])).ToArray();
            var appTerm = Erl.Tuple(Erl.Atom("application"), Erl.Atom(app.Name), Erl.List(
                Erl.Tuple(Erl.Atom("vsn"), Erl.Str(app.Version)), Erl.Tuple(Erl.Atom("modules"), Erl.List(modules))));
            File.WriteAllText(Path.Combine(dir, app.Name + ".app"), ConsultFile.FormatTerms(appTerm));
        }
        File.WriteAllText(Path.Combine(Root, "releases", "start_erl.data"), $"{runtime} {version}");
        return Root;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
