using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Layout;

public class StartErlDataTests
{
    [Fact]
    public void Written_without_trailing_newline_as_release_handler_does()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reltool-{Guid.NewGuid():N}.data");
        try
        {
            new StartErlData("13.1.5", "2").Write(path);
            Assert.Equal("13.1.5 2"u8.ToArray(), File.ReadAllBytes(path));
            Assert.Equal(new StartErlData("13.1.5", "2"), StartErlData.Read(path));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("13.1.5 25\n")]
    [InlineData("13.1.5 25")]
    [InlineData("13.1.5  25\r\n")]
    public void Read_with_or_without_newline(string text) => Assert.Equal(new StartErlData("13.1.5", "25"), StartErlData.Parse(text, "start_erl.data"));

    [Theory]
    [InlineData("")]
    [InlineData("13.1.5")]
    [InlineData("1 2 3")]
    public void Other_shapes_are_errors(string text)
    {
        var e = Assert.Throws<ManifestException>(() => StartErlData.Parse(text, "start_erl.data"));
        Assert.Equal("start_erl.data", e.File);
        Assert.StartsWith("expected \"<runtime vsn> <release vsn>\"", e.Problem);
    }

    [Fact]
    public void Versions_with_spaces_cannot_be_written() => Assert.Throws<ArgumentException>(() => new StartErlData("10.0 rc", "1").Format());
}
