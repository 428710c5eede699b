using System.Runtime.CompilerServices;

namespace RelTool.Tests.Upgrade;

/// <summary>A folder under Cases/: old/*.rel, new/*.rel, lib/*/ebin, options, and what systools gave (expected.*).</summary>
public sealed record RelupCase(string Name, string Dir)
{
    public static string CasesDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Cases");

    public static IEnumerable<object[]> All() =>
        Directory.GetDirectories(CasesDir()).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! });

    public static RelupCase Named(string name) => new(name, Path.Combine(CasesDir(), name));

    public string NewRel => Directory.GetFiles(Path.Combine(Dir, "new"), "*.rel").Single();
    public IReadOnlyList<string> OldRels => Directory.GetFiles(Path.Combine(Dir, "old"), "*.rel").Order(StringComparer.Ordinal).ToList();
    public IReadOnlyList<string> Options => File.Exists(Path.Combine(Dir, "options"))
        ? File.ReadAllText(Path.Combine(Dir, "options")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
        : [];
    public int ExpectedRc => int.Parse(File.ReadAllText(Path.Combine(Dir, "expected.rc")).Trim());
    public string? Expected(string file) => File.Exists(Path.Combine(Dir, file)) ? File.ReadAllText(Path.Combine(Dir, file)) : null;
    public bool Unordered => File.Exists(Path.Combine(Dir, "unordered"));

    /// <summary>Runs `reltool relup` in-process through the tool's own command line and error handler.</summary>
    public (int Rc, string Stdout, string Stderr) Run(string outDir, params string[] extra)
    {
        var args = new List<string> { "relup", NewRel };
        foreach (var old in OldRels) args.AddRange(["--from", old]);
        args.AddRange(["--path", Path.Combine(Dir, "lib", "*", "ebin"), "-o", outDir]);
        args.AddRange(Options.Select(o => "--" + o.Replace('_', '-')));
        args.AddRange(extra);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var rc = RelTool.Program.RunAsync([.. args], stdout, stderr).GetAwaiter().GetResult();
        return (rc, stdout.ToString(), stderr.ToString());
    }
}
