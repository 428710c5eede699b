using RelTool.Core.Upgrade;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using ReleaseApplication = RelTool.Core.Upgrade.ReleaseApplication;

namespace RelTool.Tests.Upgrade;

/// <summary>How the relup translation reads .rel and .app files: systools_make's rules and reasons.</summary>
public sealed class RelupSourcesTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("relup-sources-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_every_form_of_release_application()
    {
        var path = Write("r.rel", """{release,{"r","2"},{erts,"13.1.5"},[{a,"1"},{b,"2",transient},{c,"3",[a]},{d,"4",load,[b]}]}.""");
        var release = RelupSources.ReadRelease(path);
        Assert.Equal(("r", "2", "13.1.5", path), (release.Name, release.Vsn, release.ErtsVsn, release.Source));
        ReleaseApplication[] expected =
        [
            new("a", "1"),
            new("b", "2", StartType.Transient),
            new("c", "3", StartType.Permanent, ModuleList.Of("a")),
            new("d", "4", StartType.Load, ModuleList.Of("b")),
        ];
        Assert.True(expected.SequenceEqual(release.Applications), string.Join(", ", release.Applications));
    }

    [Theory]
    [InlineData("""{release,{"r","2"},[{a,"1"}]}.""", "badly_formatted_release")]
    [InlineData("""{release,{"r","2"},{runtime,"1"},[{a,"1"}]}.""", "badly_formatted_release")]
    [InlineData("""{release,{r,"2"},{erts,"1"},[{a,"1"}]}.""", "illegal_name")]
    [InlineData("""{release,{"r",2},{erts,"1"},[{a,"1"}]}.""", "illegal_form")]
    [InlineData("""{release,{"r","2"},{erts,1},[{a,"1"}]}.""", "illegal_form")]
    [InlineData("""{release,{"r","2"},{erts,"1"},[{a,1}]}.""", "illegal_applications")]
    [InlineData("""{release,{"r","2"},{erts,"1"},[{a,"1",forever}]}.""", "illegal_applications")]
    [InlineData("""{release,{"r","2"},{erts,"1"},[{a,"1",permanent,[b],x}]}.""", "illegal_applications")]
    public void A_bad_release_is_refused_with_the_reason_of_check_rel(string text, string reason)
    {
        var path = Write("r.rel", text);
        var e = Assert.Throws<ManifestException>(() => RelupSources.ReadRelease(path));
        Assert.Equal(path, e.File);
        Assert.EndsWith($"[{reason}]", e.Message);
    }

    [Fact]
    public void Reads_an_app_as_systools_does()
    {
        var ebin = Directory.CreateDirectory(Path.Combine(dir, "ebin")).FullName;
        File.WriteAllText(Path.Combine(ebin, "a.app"),
            """{application,a,[{vsn,"1"},{modules,[m1,m2]},{licenses,["MIT"]},{vsn,"2"},{optional_applications,[o]},{included_applications,[i]}]}.""");
        File.WriteAllText(Path.Combine(ebin, "a.appup"), """{"1",[],[]}.""");
        File.WriteAllText(Path.Combine(ebin, "b.app"), """{application,b,[{vsn,"1"},{modules,[]},{applications,[a]}]}.""");
        var catalog = RelupSources.ReadCatalog([ebin], out var problems);
        Assert.Empty(problems);
        var a = catalog.Find("a", "1")!;
        Assert.Equal(new UpgradeApplication("a", "1", ModuleList.Of("m1", "m2"), ModuleList.Empty, ModuleList.Of("o"), ModuleList.Of("i")), a.Manifest);
        Assert.Equal((Path.Combine(ebin, "a.appup"), ebin), (a.Appup?.File, a.Location));
        Assert.NotNull(a.Appup?.Term);
        Assert.Equal(ModuleList.Of("a"), catalog.Find("b", "1")!.Manifest.Applications);
        Assert.Null(catalog.Find("b", "1")!.Appup);
    }

    [Theory]
    [InlineData("""{application,a,[{modules,[]}]}.""", "missing_param")]
    [InlineData("""{application,a,[{vsn,"1"}]}.""", "missing_param")]
    [InlineData("""{application,a,[{vsn,1},{modules,[]}]}.""", "bad_param")]
    [InlineData("""{application,a,[{vsn,"1"},{modules,[m,"n"]}]}.""", "bad_param")]
    [InlineData("""{application,a,[{vsn,"1"},{modules,[]},{applications,b}]}.""", "bad_param")]
    [InlineData("""{application,"a",[{vsn,"1"},{modules,[]}]}.""", "badly_formatted_application")]
    [InlineData("""{app,a,[{vsn,"1"},{modules,[]}]}.""", "badly_formatted_application")]
    [InlineData("""{application,b,[{vsn,"1"},{modules,[]}]}.""", "bad_application_name")]
    public void An_unreadable_app_is_skipped_with_the_reason(string text, string reason)
    {
        var ebin = Directory.CreateDirectory(Path.Combine(dir, "ebin")).FullName;
        File.WriteAllText(Path.Combine(ebin, "a.app"), text);
        var catalog = RelupSources.ReadCatalog([ebin], out var problems);
        Assert.Empty(catalog.Versions);
        var problem = Assert.Single(problems);
        Assert.StartsWith(Path.Combine(ebin, "a.app"), problem);
        Assert.EndsWith($"[{reason}]", problem);
    }
}
