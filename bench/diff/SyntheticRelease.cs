using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RelTool.Formats.Terms;

/// <summary>
/// Two versions of a release with N assemblies (10 per application). The assemblies are copies, under
/// new names, of a few distinct compiled templates; version 2 is a rebuild with every version bumped
/// (so no file is byte-identical and each one gets a full semantic digest) and every 20th template
/// changed in one method body.
/// </summary>
internal static class SyntheticRelease
{
    public const int Templates = 40;

    public static (byte[] Old, byte[] New)[] CompileTemplates()
    {
        var references = new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) };
        return Enumerable.Range(0, Templates).Select(t =>
        {
            var source = Source(t);
            var changed = t % 20 == 0 ? source.Replace("return x + 0;", "return x + 1;") : source;
            return (Compile($"Template{t}", source, "1.0.0", references), Compile($"Template{t}", changed, "2.0.0", references));
        }).ToArray();
    }

    public static void Write(string root, string version, int assemblies, (byte[] Old, byte[] New)[] templates, bool useNew)
    {
        var apps = new List<Term>();
        for (var app = 0; app * 10 < assemblies; app++)
        {
            var name = $"App{app:D4}";
            var dir = Path.Combine(root, "lib", $"{name}-{version}");
            Directory.CreateDirectory(dir);
            for (var i = app * 10; i < Math.Min(assemblies, app * 10 + 10); i++)
            {
                var template = templates[i % templates.Length];
                File.WriteAllBytes(Path.Combine(dir, $"Asm{i:D5}.dll"), useNew ? template.New : template.Old);
            }
            apps.Add(Erl.Tuple(Erl.Atom(name), Erl.Str(version)));
        }
        var releases = Path.Combine(root, "releases", version);
        Directory.CreateDirectory(releases);
        File.WriteAllText(Path.Combine(releases, "bench.rel"), ConsultFile.FormatTerms(Erl.Tuple(Erl.Atom("release"),
            Erl.Tuple(Erl.Str("bench"), Erl.Str(version)), Erl.Tuple(Erl.Atom("erts"), Erl.Str("10.0.0")), Erl.List(apps))));
        File.WriteAllText(Path.Combine(root, "releases", "start_erl.data"), $"10.0.0 {version}");
    }

    private static string Source(int template)
    {
        var text = new System.Text.StringBuilder($"namespace Bench{template};\n");
        for (var c = 0; c < 30; c++)
        {
            text.Append($"public class Type{c} {{ private int _n; public string Name {{ get; set; }} = \"t{template}\";\n");
            for (var m = 0; m < 8; m++)
                text.Append($"  public int M{m}(int x) {{ if (x > {m}) {{ _n += x * {c}; return M{(m + 1) % 8}(x - 1); }} for (var i = 0; i < x; i++) _n ^= i; return x + 0; }}\n");
            text.Append("}\n");
        }
        return text.ToString();
    }

    private static byte[] Compile(string name, string source, string version, MetadataReference[] references)
    {
        var attributes = $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")][assembly: System.Reflection.AssemblyInformationalVersion(\"{version}+sha{version}\")]";
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(source), CSharpSyntaxTree.ParseText(attributes)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true, optimizationLevel: OptimizationLevel.Release));
        using var pe = new MemoryStream();
        var result = compilation.Emit(pe);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        return pe.ToArray();
    }
}
