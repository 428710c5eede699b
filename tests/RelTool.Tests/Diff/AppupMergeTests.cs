using System.Collections.Immutable;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Appup;
using RelTool.Core.Releases;

namespace RelTool.Tests.Diff;

public class AppupMergeTests
{
    private static ModuleDiff Changed(string name, params string[] refs) =>
        new(name, ChangeKind.Changed, new ModuleSide(name + ".dll", [.. refs], false), new ModuleSide(name + ".dll", [.. refs], false), null);

    private static ReleaseDiff DiffOf(params AppDiff[] apps) =>
        new(new ReleaseIdentity("kv", "1", "10.0.0"), new ReleaseIdentity("kv", "2", "10.0.0"), [.. apps], 0, []);

    private static PlannedAppup Generated(ReleaseDiff diff, AppDiff app)
    {
        var generated = AppupGenerator.Generate(diff, app);
        return new PlannedAppup(app.Name, app.OldVersion!, app.NewVersion!, generated.ToText(), null, generated);
    }

    private static PlannedAppup HandWritten(string app, string from, string to, string path, string text) => new(app, from, to, text, path, null);

    [Fact]
    public void One_base_keeps_the_planned_text()
    {
        var app = new AppDiff("Kv", "0.1.0", "0.2.0", AppStatus.VersionOnly, [], []);
        var plan = Generated(DiffOf(app), app);
        var merged = Assert.Single(AppupMerge.Merge([[plan]]));
        Assert.Equal(plan.Text, merged.Text);
        Assert.Null(merged.SourcePath);
    }

    [Fact]
    public void Two_bases_give_one_entry_per_old_version_in_base_order()
    {
        var from010 = new AppDiff("Kv", "0.1.0", "0.2.0", AppStatus.Changed, [], [Changed("Kv")]);
        var from011 = new AppDiff("Kv", "0.1.1", "0.2.0", AppStatus.Changed, [], [Changed("Kv")]);
        var merged = Assert.Single(AppupMerge.Merge([[Generated(DiffOf(from010), from010)], [Generated(DiffOf(from011), from011)]]));
        Assert.Equal("""
            {"0.2.0",
             [{"0.1.0",[{load_module,'Kv'}]},{"0.1.1",[{load_module,'Kv'}]}],
             [{"0.1.0",[{load_module,'Kv'}]},{"0.1.1",[{load_module,'Kv'}]}]}.

            """, merged.Text);
        Assert.Equal(2, merged.Plans.Length);
    }

    [Fact]
    public void An_application_unchanged_against_one_base_gets_only_the_other_bases_entry()
    {
        var kv = new AppDiff("Kv", "0.1.0", "0.2.0", AppStatus.VersionOnly, [], []);
        var merged = AppupMerge.Merge([[Generated(DiffOf(kv), kv)], []]);
        Assert.Equal("{\"0.2.0\",[{\"0.1.0\",[]}],[{\"0.1.0\",[]}]}.\n", Assert.Single(merged).Text);
    }

    [Fact]
    public void Bases_with_the_same_old_version_share_one_entry_keeping_only_the_deps_every_base_upgrades()
    {
        // Base A upgrades Core too; base B has Core's new version already: Web's Dep on Core is valid only for A.
        var core = new AppDiff("Core", "1.0.0", "1.1.0", AppStatus.Changed, [], [Changed("Core")]);
        var web = new AppDiff("Web", "2.0.0", "2.1.0", AppStatus.Changed, [], [Changed("Web", "Core")]);
        var a = Generated(DiffOf(core, web), web);
        var b = Generated(DiffOf(web), web);
        Assert.Contains("['Core']", a.Text);
        var merged = Assert.Single(AppupMerge.Merge([[a], [b]]));
        Assert.Equal("{\"2.1.0\",[{\"2.0.0\",[{load_module,'Web'}]}],[{\"2.0.0\",[{load_module,'Web'}]}]}.\n", merged.Text);
    }

    [Fact]
    public void A_hand_written_appup_wins_for_its_from_version_re_keyed_exactly()
    {
        var generatedDiff = new AppDiff("Kv", "0.1.1", "0.2.0", AppStatus.Changed, [], [Changed("Kv")]);
        var handWritten = HandWritten("Kv", "0.1.0", "0.2.0", "/p/rel/appups/Kv/0.1.0-0.2.0.appup",
            "%% by hand\n{\"0.2.0\",[{<<\"0\\\\.1\\\\..*\">>,[{update,'Kv',{advanced,[]}}]}],[{<<\"0\\\\.1\\\\..*\">>,[]}]}.\n");
        var merged = Assert.Single(AppupMerge.Merge([[handWritten], [Generated(DiffOf(generatedDiff), generatedDiff)]]));
        Assert.Equal("""
            {"0.2.0",
             [{"0.1.0",[{update,'Kv',{advanced,[]}}]},{"0.1.1",[{load_module,'Kv'}]}],
             [{"0.1.0",[]},{"0.1.1",[{load_module,'Kv'}]}]}.

            """, merged.Text);
        Assert.Null(merged.SourcePath);
    }

    [Fact]
    public void The_same_hand_written_file_for_every_base_is_used_as_it_is()
    {
        const string text = "{\"0.2.0\",[{\"0.1.0\",[]},{\"0.1.1\",[]}],[{\"0.1.0\",[]},{\"0.1.1\",[]}]}. % shipped\n";
        const string path = "/r/lib/Kv-0.2.0/Kv.appup";
        var merged = Assert.Single(AppupMerge.Merge([[HandWritten("Kv", "0.1.0", "0.2.0", path, text)], [HandWritten("Kv", "0.1.1", "0.2.0", path, text)]]));
        Assert.Equal(text, merged.Text);
        Assert.Equal(path, merged.SourcePath);
    }
}
