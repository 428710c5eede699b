using Xunit.Sdk;

namespace RelTool.Tests.Golden;

public class GoldenFileTests
{
    [Fact]
    public void Paths_follow_verify_conventions_beside_the_source()
    {
        var (verified, received) = GoldenFile.PathsFor("/src/tests/Thing/ThingTests.cs", "Prints", "case1");
        Assert.Equal("/src/tests/Thing/ThingTests.Prints.case1.verified.txt", verified);
        Assert.Equal("/src/tests/Thing/ThingTests.Prints.case1.received.txt", received);
        Assert.Equal("/src/tests/Thing/ThingTests.Prints.verified.txt", GoldenFile.PathsFor("/src/tests/Thing/ThingTests.cs", "Prints").Verified);
    }

    [Fact]
    public void Mismatch_writes_received_and_fails_with_the_differing_lines()
    {
        var dir = Directory.CreateTempSubdirectory("reltool-golden-");
        try
        {
            var verified = Path.Combine(dir.FullName, "T.M.verified.txt");
            var received = Path.Combine(dir.FullName, "T.M.received.txt");
            File.WriteAllText(verified, "a\nb\nc\n");
            var e = Assert.Throws<FailException>(() => GoldenFile.VerifyAt(verified, received, "a\nB\nc\n", accept: false));
            Assert.Contains("line 2:\n  - b\n  + B", e.Message);
            Assert.Equal("a\nB\nc\n", File.ReadAllText(received));
            Assert.Equal("a\nb\nc\n", File.ReadAllText(verified));

            GoldenFile.VerifyAt(verified, received, "a\nB\nc\n", accept: true);
            Assert.Equal("a\nB\nc\n", File.ReadAllText(verified));
            Assert.False(File.Exists(received));

            GoldenFile.VerifyAt(verified, received, "a\nB\nc\n", accept: false);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Missing_verified_file_fails_unless_accepted()
    {
        var dir = Directory.CreateTempSubdirectory("reltool-golden-");
        try
        {
            var verified = Path.Combine(dir.FullName, "T.M.verified.txt");
            var received = Path.Combine(dir.FullName, "T.M.received.txt");
            var e = Assert.Throws<FailException>(() => GoldenFile.VerifyAt(verified, received, "new", accept: false));
            Assert.Contains("No verified file", e.Message);
            Assert.False(File.Exists(verified));
            GoldenFile.VerifyAt(verified, received, "new", accept: true);
            Assert.Equal("new", File.ReadAllText(verified));
        }
        finally { dir.Delete(recursive: true); }
    }
}
