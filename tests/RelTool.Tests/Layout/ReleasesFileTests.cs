using System.Runtime.CompilerServices;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Layout;

public class ReleasesFileTests
{
    private static string Example(string name, [CallerFilePath] string source = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "..", "Terms", "OtpExamples", name));

    private static readonly RelFile NewRel = RelFile.Parse("""
        {release, {"myrel", "2"}, {erts, "13.1.5"},
         [{kernel, "8.5.3"}, {stdlib, "4.2"}, {sasl, "4.2"}, {myapp, "1.0.0"}, {newapp, "2.0"}, {libapp, "0.3", load}]}.
        """, "myrel.rel");

    [Theory]
    [InlineData("RELEASES.relative")]
    [InlineData("RELEASES.rooted")]
    [InlineData("RELEASES.flow.0_create_RELEASES")]
    [InlineData("RELEASES.flow.1_set_unpacked")]
    [InlineData("RELEASES.flow.2_install_release")]
    [InlineData("RELEASES.flow.3_make_permanent")]
    [InlineData("RELEASES.flow.4_remove_release_1")]
    public void ReadAndWrittenByteForByteAsOtp(string name)
    {
        var text = Example(name);
        Assert.Equal(text, ReleasesFile.Parse(text, name).Format());
    }

    [Fact]
    public void Create_with_empty_root_gives_relative_lib_dirs() =>
        Assert.Equal(Example("RELEASES.relative"), ReleasesFile.Create("", NewRel).Format());

    [Fact]
    public void Create_with_root_gives_rooted_lib_dirs() =>
        Assert.Equal(Example("RELEASES.rooted"), ReleasesFile.Create("/opt/myrel", NewRel).Format());

    [Fact]
    public void Create_uses_given_lib_dirs_which_must_exist()
    {
        var dir = Directory.CreateTempSubdirectory("reltool-libdirs-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "newapp-2.0"));
            var created = ReleasesFile.Create("/opt/myrel", NewRel, [("newapp", "2.0", dir.FullName + "/")]);
            var entry = Assert.Single(created.Releases);
            Assert.Equal(ReleaseStatus.Permanent, entry.Status);
            Assert.Equal(dir.FullName + "/newapp-2.0", entry.Applications.Single(a => a.Name == "newapp").LibDir);
            Assert.Equal("/opt/myrel/lib/libapp-0.3", entry.Applications.Single(a => a.Name == "libapp").LibDir);

            var e = Assert.Throws<ManifestException>(() => ReleasesFile.Create("", NewRel, [("libapp", "0.3", dir.FullName)]));
            Assert.Equal(dir.FullName + "/libapp-0.3", e.File);
            Assert.Contains("no such directory", e.Problem);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void Current_is_saved_as_unpacked()
    {
        var text = Example("RELEASES.flow.2_install_release");
        var file = ReleasesFile.Parse(text, "RELEASES");
        Assert.Equal(ReleaseStatus.Unpacked, file.Releases[0].Status);
        var current = file with { Releases = [file.Releases[0] with { Status = ReleaseStatus.Current }, .. file.Releases.Skip(1)] };
        Assert.Equal(text, current.Format());
        Assert.NotEqual(file.Releases[0], current.Releases[0]);
    }

    [Theory]
    [InlineData("[{release,\"r\",\"1\",\"13\",[],gone}].", 1, 27, "a release status must be one of permanent, current, old, unpacked; found gone")]
    [InlineData("[{release,\"r\",\"1\",\"13\",[],old},\n {release,\"r\",\"1\",\"13\",[],old}].", 2, 2, "release version \"1\" is listed twice")]
    [InlineData("[{release,\"r\",\"1\",\"13\",[{a,\"1\"}],old}].", 1, 25, "an application {App,AppVsn,LibDir} must be a 3-tuple, found {a,\"1\"}")]
    [InlineData("{release,\"r\"}.", 1, 1, "RELEASES must be a list, found {release,\"r\"}")]
    public void ErrorsPointAtTheOffendingElement(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<ManifestException>(() => ReleasesFile.Parse(text, "RELEASES"));
        Assert.Equal(("RELEASES", (int?)line, (int?)column, problem), (e.File, e.Line, e.Column, e.Problem));
    }
}
