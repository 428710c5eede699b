namespace RelTool.IntegrationTests.Boot;

/// <summary>samples/kv published once and made into a release tree with a bundled runtime/.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class KvReleaseFixture : IDisposable
{
    private readonly string workDir = Directory.CreateTempSubdirectory("reltool-boot-kv-").FullName;

    public KvReleaseFixture()
    {
        var publish = Path.Combine(workDir, "publish");
        Publisher.Publish(Path.Combine(RepoPaths.Root, "samples", "kv", "src", "Kv", "Kv.csproj"), publish);
        Tree = ReleaseTreeBuilder.Build(publish, "Kv", "0.1.0", "kv", Path.Combine(workDir, "rel"), includeRuntime: true);
    }

    public ReleaseTree Tree { get; }

    public void Dispose()
    {
        ProcessTable.KillAllFrom(Tree.Root);
        Directory.Delete(workDir, recursive: true);
    }
}
