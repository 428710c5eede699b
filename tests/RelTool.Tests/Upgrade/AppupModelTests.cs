using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Tests.Upgrade;

public sealed class AppupModelTests
{
    private static Instruction Read(string text) => InstructionReader.Read(TermReader.Parse(text + ".", "t")[0]);

    [Theory]
    [InlineData("{update,m}")]
    [InlineData("{update,m,[a]}")]
    [InlineData("{update,m,{advanced,x}}")]
    [InlineData("{update,m,{advanced,x},[a,b]}")]
    [InlineData("{update,m,supervisor}")]
    [InlineData("{update,m,soft,soft_purge,brutal_purge,[]}")]
    [InlineData("{update,m,5000,{advanced,[]},brutal_purge,brutal_purge,[a]}")]
    [InlineData("{update,m,static,infinity,soft,brutal_purge,soft_purge,[]}")]
    [InlineData("{load_module,m}")]
    [InlineData("{load_module,m,[a]}")]
    [InlineData("{load_module,m,soft_purge,brutal_purge,[]}")]
    [InlineData("{add_module,m,[a]}")]
    [InlineData("{delete_module,m}")]
    [InlineData("{add_application,a}")]
    [InlineData("{add_application,a,load}")]
    [InlineData("{remove_application,a}")]
    [InlineData("{restart_application,a}")]
    [InlineData("{load_object_code,{a,\"1.0\",[m,n]}}")]
    [InlineData("{suspend,[m,{n,infinity}]}")]
    [InlineData("{code_change,down,[{m,x}]}")]
    [InlineData("{code_change,[{m,x}]}")]
    [InlineData("{sync_nodes,id,[a@h]}")]
    [InlineData("{sync_nodes,id,{m,f,[]}}")]
    [InlineData("{apply,{m,f,[1,\"s\"]}}")]
    [InlineData("{stop,[m]}")]
    [InlineData("{start,[m]}")]
    [InlineData("{remove,{m,soft_purge,brutal_purge}}")]
    [InlineData("{purge,[m]}")]
    [InlineData("restart_new_emulator")]
    [InlineData("point_of_no_return")]
    public void Shortest_form_reads_back_to_itself(string text) => Assert.Equal(text, Read(text).ToString());

    [Theory]
    [InlineData("{update,m,soft}", "{update,m}")]
    [InlineData("{update,m,static,default,{advanced,[]},brutal_purge,brutal_purge,[]}", "{update,m,supervisor}")]
    [InlineData("{update,m,dynamic,default,soft,brutal_purge,brutal_purge,[a]}", "{update,m,[a]}")]
    [InlineData("{load_module,m,brutal_purge,brutal_purge,[]}", "{load_module,m}")]
    [InlineData("{add_application,a,permanent}", "{add_application,a}")]
    public void Longer_forms_mean_the_same_as_short_ones(string text, string shortest) => Assert.Equal(shortest, Read(text).ToString());

    [Theory]
    [InlineData("{load_module,m,bad}", "bad_instruction")]
    [InlineData("{load_module,\"m\"}", "bad_module")]
    [InlineData("{update,m,{simple,x}}", "bad_change")]
    [InlineData("{update,m,0,soft,brutal_purge,brutal_purge,[]}", "bad_timeout")]
    [InlineData("{update,m,frozen,default,soft,brutal_purge,brutal_purge,[]}", "bad_mod_type")]
    [InlineData("{add_application,a,forever}", "bad_start_type")]
    [InlineData("{code_change,sideways,[]}", "bad_mode")]
    [InlineData("{code_change,up,[m]}", "bad_code_change")]
    [InlineData("mnesia_backup", "not_yet_implemented")]
    public void Bad_instructions_fail_with_the_systools_reason(string text, string reason) =>
        Assert.Equal(reason, Assert.Throws<InstructionException>(() => Read(text)).ReasonName);

    [Fact]
    public void Appup_round_trips_and_finds_entries_by_exact_and_regexp_keys()
    {
        var appup = new AppupFile("1.1",
            ValueList.Of(
                new AppupEntry(AppupVersion.Exact("1.0"), LoadModule.Of("m"), Update.Advanced("s", Erl.Atom("x"), "m")),
                new AppupEntry(AppupVersion.Pattern(@"1\.0\.[0-9]+"), Update.Supervisor("sup"))),
            ValueList.Of(new AppupEntry(AppupVersion.Exact("1.0"), DeleteModule.Of("n"))));
        var text = appup.Format();
        Assert.Equal(appup, AppupFile.Parse(TermReader.Parse(text, "a.appup"), "a.appup"));
        Assert.Contains("<<\"1\\\\.0\\\\.[0-9]+\">>", text);
        Assert.Same(appup.UpFrom[0], appup.FindUpFrom("1.0"));
        Assert.Same(appup.UpFrom[1], appup.FindUpFrom("1.0.7"));
        Assert.Null(appup.FindUpFrom("1.0.7x"));
        Assert.Null(appup.FindDownTo("0.9"));
    }

    [Fact]
    public void Regexp_key_needs_its_first_match_to_be_the_whole_version()
    {
        var key = AppupVersion.Pattern(@"1\.0|1\.0\.1");
        Assert.True(key.Matches("1.0"));
        Assert.False(key.Matches("1.0.1"));
    }

    [Fact]
    public void Appup_errors_name_the_file_and_the_entry()
    {
        var e = Assert.Throws<ManifestException>(() =>
            AppupFile.Parse(TermReader.Parse("{\"1.1\",[{\"1.0\",[{load_module,m,bad}]}],[]}.", "x.appup"), "x.appup"));
        Assert.Equal("x.appup", e.File);
        Assert.Contains("up entry 1", e.Message);
        Assert.Contains("bad_instruction", e.Message);
    }
}
