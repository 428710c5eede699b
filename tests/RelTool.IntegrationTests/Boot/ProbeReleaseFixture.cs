using System.Diagnostics;

namespace RelTool.IntegrationTests.Boot;

/// <summary>
/// Boot/Apps/BootProbe published once (from a temp copy) with a native library under runtimes/linux-x64/native/,
/// made into a release tree without runtime/: bin/probe runs on the dotnet named by DOTNET_ROOT.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProbeReleaseFixture : IDisposable
{
    private readonly string workDir = Directory.CreateTempSubdirectory("reltool-boot-probe-").FullName;

    public ProbeReleaseFixture()
    {
        var source = Path.Combine(workDir, "src");
        var sourceFiles = Path.Combine(RepoPaths.Root, "tests", "RelTool.IntegrationTests", "Boot", "Apps", "BootProbe");
        Directory.CreateDirectory(source);
        foreach (var file in Directory.GetFiles(sourceFiles)) File.Copy(file, Path.Combine(source, Path.GetFileName(file)));
        var publish = Path.Combine(workDir, "publish");
        Publisher.Publish(Path.Combine(source, "BootProbe.csproj"), publish);
        var native = Path.Combine(publish, "runtimes", "linux-x64", "native");
        Directory.CreateDirectory(native);
        CompileSharedLibrary(Path.Combine(source, "probe.c"), Path.Combine(native, "libprobe.so"));
        Tree = ReleaseTreeBuilder.Build(publish, "BootProbe", "1.0.0", "probe", Path.Combine(workDir, "rel"), includeRuntime: false);
    }

    public ReleaseTree Tree { get; }

    public string WorkDir => workDir;

    /// <summary>What bin/probe needs to find a dotnet: DOTNET_ROOT, as on a host with .NET installed.</summary>
    public Dictionary<string, string> Env(params (string Key, string Value)[] more)
    {
        var env = new Dictionary<string, string> { ["DOTNET_ROOT"] = DotnetInstall.Root };
        foreach (var (key, value) in more) env[key] = value;
        return env;
    }

    private static void CompileSharedLibrary(string source, string output)
    {
        using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-shared", "-fPIC", "-o", output, source]) { UseShellExecute = false })!;
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException($"gcc failed with {gcc.ExitCode}");
    }

    public void Dispose()
    {
        ProcessTable.KillAllFrom(workDir);
        Directory.Delete(workDir, recursive: true);
    }
}
