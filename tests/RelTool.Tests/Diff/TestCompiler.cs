using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace RelTool.Tests.Diff;

/// <summary>Compiles small C# assemblies in memory, as a build would (deterministic unless told otherwise).</summary>
internal static class TestCompiler
{
    private static readonly MetadataReference[] Framework =
    [
        MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
        MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll")),
    ];

    /// <summary>A stand-in for RelTool.Runtime: the digest recognises Server`1 by its full name only.</summary>
    public static readonly byte[] FakeRuntime = Compile("RelTool.Runtime", """
        namespace RelTool.Runtime;
        public abstract class Server<TState> { public TState State = default!; }
        """);

    /// <param name="version">Goes into AssemblyVersion, AssemblyFileVersion and AssemblyInformationalVersion (with <paramref name="commit"/> as +suffix).</param>
    /// <param name="folder">The source folder: it lands in the PDB path (and in the embedded PDB).</param>
    /// <param name="deterministic">False gives a random MVID.</param>
    public static byte[] Compile(string assemblyName, string source, string version = "1.0.0", string commit = "abc123",
        string folder = "/src/build", bool deterministic = true, IEnumerable<byte[]>? references = null,
        IEnumerable<(string Name, byte[] Data)>? resources = null)
    {
        var attributes = $"""
            [assembly: System.Reflection.AssemblyVersion("{version}")]
            [assembly: System.Reflection.AssemblyFileVersion("{version}")]
            [assembly: System.Reflection.AssemblyInformationalVersion("{version}+{commit}")]
            """;
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(source, path: Path.Combine(folder, "Code.cs"), encoding: System.Text.Encoding.UTF8),
            CSharpSyntaxTree.ParseText(attributes, path: Path.Combine(folder, "obj", "AssemblyInfo.cs"), encoding: System.Text.Encoding.UTF8),
        };
        var compilation = CSharpCompilation.Create(assemblyName, trees,
            Framework.Concat((references ?? []).Select(r => MetadataReference.CreateFromImage(r))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: deterministic,
                optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: Path.Combine(folder, "bin", assemblyName + ".pdb")),
            manifestResources: resources?.Select(r => new ResourceDescription(r.Name, () => new MemoryStream(r.Data), isPublic: true)));
        if (!result.Success)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return pe.ToArray();
    }
}
