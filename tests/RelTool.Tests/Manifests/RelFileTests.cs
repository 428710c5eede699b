using RelTool.Formats.Manifests;
using RelTool.Tests.Golden;

namespace RelTool.Tests.Manifests;

public class RelFileTests
{
    private const string OtpRel = """
        {release, {"myrel", "2"}, {erts, "13.1.5"},
         [{kernel, "8.5.3"},
          {stdlib, "4.2"},
          {sasl, "4.2"},
          {myapp, "1.0.0"},
          {newapp, "2.0"},
          {libapp, "0.3", load}]}.
        """;

    [Fact]
    public void Reads_the_rel_files_systools_reads()
    {
        var rel = RelFile.Parse(OtpRel, "myrel.rel");
        Assert.Equal(("myrel", "2", "13.1.5"), (rel.Name, rel.Version, rel.ErtsVersion));
        Assert.Equal(["kernel", "stdlib", "sasl", "myapp", "newapp", "libapp"], rel.Applications.Select(a => a.Name));
        Assert.Equal(new RelApplication("libapp", "0.3", StartType.Load), rel.Applications[5]);
        Assert.Equal(StartType.Permanent, rel.Applications[0].EffectiveType);
        Assert.Null(rel.Applications[0].Type);
    }

    [Fact]
    public void All_four_application_forms()
    {
        var rel = RelFile.Parse("""{release,{"r","1"},{erts,"10.0.0"},[{a,"1"},{b,"2",transient},{c,"3",[a]},{d,"4",none,[b,c]},{e,"5",[]}]}.""", "r.rel");
        RelApplication[] expected =
            [
                new RelApplication("a", "1"),
                new RelApplication("b", "2", StartType.Transient),
                new RelApplication("c", "3", null, ["a"]),
                new RelApplication("d", "4", StartType.None, ["b", "c"]),
                new RelApplication("e", "5", null, []),
            ];
        // xunit 2.9's collection assertion does not use the records' own Equals here, so compare item by item.
        Assert.Equal(expected.Length, rel.Applications.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], rel.Applications[i]);
        Assert.Equal(rel, RelFile.Parse(rel.Format(), "again.rel"));
    }

    [Fact]
    public void Writes_what_the_layout_document_shows() => GoldenFile.Verify(new RelFile("kv", "0.1.0", "10.0.0",
    [
        new RelApplication("Kv", "0.1.0"),
        new RelApplication("Microsoft.Extensions.Logging", "10.0.0"),
        new RelApplication("RelTool.Boot", "0.1.0", StartType.Load),
        new RelApplication("Kv.Plugins", "0.1.0", StartType.Temporary, ["Kv"]),
    ]).Format());

    [Theory]
    [InlineData("{release,{\"r\",\"1\"},{erts,\"1\"},[{a,\"1\",forever}]}.", 1, 39, "the type of a must be one of permanent, transient, temporary, load, none; found forever")]
    [InlineData("{release,{\"r\",\"1\"},{erts,\"1\"},\n [{a,\"1\"},\n  {a,\"2\"}]}.", 3, 3, "application a is listed twice")]
    [InlineData("{release,{\"r\",\"1\"},{erts,\"1\"},[{'A',1}]}.", 1, 37, "the version of 'A' must be a string, found 1")]
    [InlineData("{release,{\"r\",\"1\"},{otp,\"1\"},[]}.", 1, 21, "expected the atom erts, found otp")]
    [InlineData("{release,{r,\"1\"},{erts,\"1\"},[]}.", 1, 11, "the release name must be a string, found r")]
    [InlineData("{release,{\"r\",\"1\"},{erts,\"1\"},[{a}]}.", 1, 32, "an application must be {App,Vsn}, {App,Vsn,Type}, {App,Vsn,Incl} or {App,Vsn,Type,Incl}, found {a}")]
    [InlineData("{rel,x}.", 1, 1, "expected {release,{Name,Vsn},{erts,Vsn},[Application]}, found {rel,x}")]
    public void ErrorsPointAtTheOffendingElement(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<ManifestException>(() => RelFile.Parse(text, "bad.rel"));
        Assert.Equal(("bad.rel", (int?)line, (int?)column, problem), (e.File, e.Line, e.Column, e.Problem));
    }

    [Fact]
    public void Read_names_the_path_and_counts_terms()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reltool-{Guid.NewGuid():N}.rel");
        try
        {
            File.WriteAllText(path, OtpRel + "\nextra.\n");
            var e = Assert.Throws<ManifestException>(() => RelFile.Read(path));
            Assert.Equal(path, e.File);
            Assert.Contains("exactly one term", e.Problem);
            File.WriteAllText(path, OtpRel);
            Assert.Equal("myrel", RelFile.Read(path).Name);
        }
        finally { File.Delete(path); }
    }
}
