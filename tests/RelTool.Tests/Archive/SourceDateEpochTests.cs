using RelTool.Formats.Archive;

namespace RelTool.Tests.Archive;

[CollectionDefinition(nameof(SourceDateEpochTests), DisableParallelization = true)]
public sealed class SourceDateEpochCollection;

/// <summary>Changes the process environment, so it runs alone.</summary>
[Collection(nameof(SourceDateEpochTests))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SourceDateEpochTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string? saved = Environment.GetEnvironmentVariable(ArchiveTimestamp.EnvironmentVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(ArchiveTimestamp.EnvironmentVariable, saved);
        temp.Dispose();
    }

    [Fact]
    public void Source_date_epoch_sets_every_mtime()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        Environment.SetEnvironmentVariable(ArchiveTimestamp.EnvironmentVariable, "1234567890");

        var result = ReleaseArchive.Write(temp.Combine("rel"), temp.Combine("a.tar.gz"));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1234567890), result.Timestamp);
        Assert.All(ReleaseArchive.List(temp.Combine("a.tar.gz")), e => Assert.Equal(1234567890, e.ModificationTime.ToUnixTimeSeconds()));
        var verbose = Tools.Run("tar", "--utc", "-tvzf", temp.Combine("a.tar.gz"));
        Assert.Contains("2009-02-13 23:31", verbose.Output);
    }

    [Fact]
    public void Without_source_date_epoch_the_documented_default_is_used()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        Environment.SetEnvironmentVariable(ArchiveTimestamp.EnvironmentVariable, null);

        var result = ReleaseArchive.Write(temp.Combine("rel"), temp.Combine("a.tar.gz"));

        Assert.Equal(new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Timestamp);
    }

    [Fact]
    public void A_malformed_source_date_epoch_is_an_error()
    {
        ReleaseTree.Create(temp.Combine("rel"));
        Environment.SetEnvironmentVariable(ArchiveTimestamp.EnvironmentVariable, "yesterday");

        var error = Assert.Throws<ArchiveException>(() => ReleaseArchive.Write(temp.Combine("rel"), temp.Combine("a.tar.gz")));
        Assert.Contains("SOURCE_DATE_EPOCH", error.Message);
    }
}
