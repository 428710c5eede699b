using RelTool.Core.Release;

namespace RelTool.Tests.Release;

public sealed class OutputGuardTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("reltool-out-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public void A_second_lock_on_the_same_output_fails_with_a_clear_message_and_the_lock_goes_away_after()
    {
        using (OutputLock.Acquire(dir))
        {
            var e = Assert.Throws<ReleaseException>(() => OutputLock.Acquire(dir));
            Assert.Contains("another reltool run is writing", e.Message);
        }
        Assert.False(File.Exists(Path.Combine(dir, OutputLock.FileName)));
        using (OutputLock.Acquire(dir)) { }
    }

    [Fact]
    public void An_output_under_a_regular_file_is_refused_before_anything_else()
    {
        var file = Path.Combine(dir, "plain-file");
        File.WriteAllText(file, "");
        var e = Assert.Throws<ReleaseException>(() => OutputDirectory.Prepare(Path.Combine(file, "rel", "kv")));
        Assert.StartsWith($"cannot write the release to {file}/rel/kv", e.Message);
    }

    [Fact]
    public void A_created_output_is_removed_again_only_when_it_stayed_empty()
    {
        var output = OutputDirectory.Prepare(Path.Combine(dir, "_build", "rel", "kv"));
        output.RemoveIfCreatedAndEmpty();
        Assert.False(Directory.Exists(Path.Combine(dir, "_build")));

        var kept = OutputDirectory.Prepare(Path.Combine(dir, "_build", "rel", "kv"));
        File.WriteAllText(Path.Combine(kept.Path, "keep"), "");
        kept.RemoveIfCreatedAndEmpty();
        Assert.True(File.Exists(Path.Combine(kept.Path, "keep")));
    }

    [Fact]
    public void Tree_differences_name_changed_missing_and_extra_files()
    {
        var a = Directory.CreateDirectory(Path.Combine(dir, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(dir, "b")).FullName;
        foreach (var root in new[] { a, b }) File.WriteAllText(Path.Combine(root, "same"), "1");
        File.WriteAllText(Path.Combine(a, "changed"), "old");
        File.WriteAllText(Path.Combine(b, "changed"), "new");
        File.WriteAllText(Path.Combine(a, "only-a"), "");
        File.WriteAllText(Path.Combine(b, "only-b"), "");
        Assert.Equal(["changed", "only-a", "only-b"], FileTree.Differences(a, b));
        Assert.Equal(["changed", "only-a"], FileTree.Differences(a, b, p => p == "only-b"));
    }
}
