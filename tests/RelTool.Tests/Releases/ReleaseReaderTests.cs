using RelTool.Core.Releases;
using RelTool.Formats;
using RelTool.Tests.Diff;

namespace RelTool.Tests.Releases;

public sealed class ReleaseReaderTests
{
    private static readonly byte[] Dll = [0x4d, 0x5a];

    [Fact]
    public void Reads_the_rel_and_each_application_directory()
    {
        using var release = new TestRelease();
        release.Write("kv", "0.1.0", "10.0.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", Dll)), TestRelease.MakeApp("Log", "2.0", ("Log.dll", Dll)));
        var snapshot = ReleaseReader.Read(release.Root, "0.1.0");
        Assert.Equal(("kv", "0.1.0", "10.0.0"), (snapshot.Name, snapshot.Version, snapshot.RuntimeVersion));
        Assert.Equal(["Kv 0.1.0", "Log 2.0"], snapshot.Applications.Select(a => $"{a.Name} {a.Version}"));
        Assert.Equal(Path.Combine(release.Root, "lib", "Kv-0.1.0"), snapshot.Applications[0].Directory);
    }

    [Fact]
    public void Modules_are_what_the_app_lists_else_the_assemblies_at_the_top_of_the_directory()
    {
        using var release = new TestRelease();
        release.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", Dll), ("Extra.dll", Dll)));
        var app = Path.Combine(release.Root, "lib", "Kv-0.1.0", "Kv.app");
        string[] Modules() => [.. ReleaseReader.Read(release.Root, "0.1.0").Applications.Single().Modules];

        File.WriteAllText(app, """{application,'Kv',[{vsn,"0.1.0"},{modules,['Kv']}]}.""");
        Assert.Equal(["Kv"], Modules());
        File.WriteAllText(app, """{application,'Kv',[{vsn,"0.1.0"}]}.""");
        Assert.Equal(["Extra", "Kv"], Modules());
        File.Delete(app);
        Assert.Equal(["Extra", "Kv"], Modules());
    }

    [Theory]
    [InlineData("""{release,{"kv","0.1.0"},{erts,"10.0.0"},[{'Kv',1}]}.""")]
    [InlineData("""{release,{"kv","0.1.0"},[{'Kv',"0.1.0"}]}.""")]
    [InlineData("""{release,{"kv","0.1.0"}""")]
    public void A_bad_rel_is_a_read_error_that_names_the_file(string text)
    {
        using var release = new TestRelease();
        release.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", Dll)));
        var rel = Path.Combine(release.Root, "releases", "0.1.0", "kv.rel");
        File.WriteAllText(rel, text);
        var error = Assert.ThrowsAny<FileProblemException>(() => ReleaseReader.Read(release.Root, "0.1.0"));
        Assert.Equal(rel, error.File);
        Assert.StartsWith(rel, error.Message);
    }

    [Fact]
    public void An_app_that_does_not_parse_is_a_read_error()
    {
        using var release = new TestRelease();
        release.Write("0.1.0", TestRelease.MakeApp("Kv", "0.1.0", ("Kv.dll", Dll)));
        var app = Path.Combine(release.Root, "lib", "Kv-0.1.0", "Kv.app");
        File.WriteAllText(app, "{application,'Kv',");
        var error = Assert.ThrowsAny<FileProblemException>(() => ReleaseReader.Read(release.Root, "0.1.0"));
        Assert.Equal(app, error.File);
        Assert.StartsWith(app, error.Message);
    }
}
