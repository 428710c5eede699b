using System.Collections.Immutable;
using System.Diagnostics;
using RelTool.Core.Diff;
using RelTool.Core.Diff.Appup;
using RelTool.Core.Releases;

namespace RelTool.Tests.Diff;

public class AppupGeneratorTests
{
    private static ModuleDiff Changed(string name, string[] refs, bool server = false, string[]? oldRefs = null) =>
        new(name, ChangeKind.Changed, new ModuleSide(name + ".dll", [.. oldRefs ?? refs], server), new ModuleSide(name + ".dll", [.. refs], server), null);

    private static ReleaseDiff DiffOf(params AppDiff[] apps) =>
        new(new ReleaseIdentity("kv", "1", "10.0.0"), new ReleaseIdentity("kv", "2", "10.0.0"), [.. apps], 0, []);

    private static AppDiff App(string name, params ModuleDiff[] modules) =>
        new(name, "1.0.0", "1.1.0", AppStatus.Changed, [], [.. modules]);

    private static string Flat(ImmutableArray<RelTool.Formats.Manifests.Instructions.Instruction> instructions) => string.Join(" ", instructions.Select(i => RelTool.Formats.Terms.TermPrinter.Flat(i.ToTerm())));

    [Fact]
    public void A_cycle_is_loaded_together_in_name_order_after_its_dependencies()
    {
        var app = App("Kv", Changed("B", ["A", "Z"]), Changed("A", ["B"]), Changed("Z", ["System.Runtime"]));
        var appup = AppupGenerator.Generate(DiffOf(app), app);
        Assert.Equal("{load_module,'Z'} {load_module,'A',['B']} {load_module,'B',['A','Z']}", Flat(appup.Up));
        Assert.Equal(Flat(appup.Up), Flat(appup.Down));
    }

    [Fact]
    public void Deps_name_changed_modules_of_other_upgraded_applications_only()
    {
        var core = App("Kv.Core", Changed("Kv.Core", []));
        var web = App("Kv.Web", Changed("Kv.Web", ["Kv.Core", "Kv.Stale", "Kv.Same"]));
        var stale = new AppDiff("Kv.Stale", "1.0.0", "1.0.0", AppStatus.Changed, [], [Changed("Kv.Stale", [])]);
        var appup = AppupGenerator.Generate(DiffOf(core, web, stale), web);
        Assert.Equal("{load_module,'Kv.Web',['Kv.Core']}", Flat(appup.Up));
        Assert.False(AppupGenerator.NeedsAppup(stale));
    }

    [Fact]
    public void Down_uses_the_old_references()
    {
        var app = App("Kv", Changed("A", ["B"], oldRefs: []), Changed("B", [], oldRefs: ["A"]));
        var appup = AppupGenerator.Generate(DiffOf(app), app);
        Assert.Equal("{load_module,'B'} {load_module,'A',['B']}", Flat(appup.Up));
        Assert.Equal("{load_module,'A'} {load_module,'B',['A']}", Flat(appup.Down));
    }

    [Fact]
    public void A_version_bump_alone_gives_empty_instruction_lists()
    {
        var app = new AppDiff("Kv", "0.1.0", "0.2.0", AppStatus.VersionOnly, [], []);
        Assert.Equal("{\"0.2.0\",[{\"0.1.0\",[]}],[{\"0.1.0\",[]}]}.\n", AppupGenerator.Generate(DiffOf(app), app).ToText());
    }

    [Fact]
    public void From_real_assemblies_update_for_servers_load_for_others_and_down_is_the_inverse()
    {
        var c = TestCompiler.Compile("C", "public class C { public static int V => 1; }");
        var c2 = TestCompiler.Compile("C", "public class C { public static int V => 2; }");
        var b = TestCompiler.Compile("B", "public class B { public int V => C.V; }", references: [c]);
        var b2 = TestCompiler.Compile("B", "public class B { public int V => C.V + 1; }", references: [c2]);
        const string serverSource = "public class S { public int N; } public class A : RelTool.Runtime.Servers.Server<S> { public int V => new B().V; }";
        var a = TestCompiler.Compile("A", serverSource, references: [b, TestCompiler.FakeRuntime]);
        var a2 = TestCompiler.Compile("A", serverSource.Replace("new B().V", "new B().V * 2"), references: [b2, TestCompiler.FakeRuntime]);
        var gone = TestCompiler.Compile("E", "public class E {}");
        var added = TestCompiler.Compile("D", "public class D {}");

        using var old = new TestRelease();
        using var @new = new TestRelease();
        old.Write("1", TestRelease.MakeApp("Kv", "1.0.0", ("A.dll", a), ("B.dll", b), ("C.dll", c), ("E.dll", gone), ("RelTool.Runtime.dll", TestCompiler.FakeRuntime)));
        @new.Write("2", TestRelease.MakeApp("Kv", "1.1.0", ("A.dll", a2), ("B.dll", b2), ("C.dll", c2), ("D.dll", added), ("RelTool.Runtime.dll", TestCompiler.FakeRuntime)));
        using var o = OpenedRelease.Open(old.Root);
        using var n = OpenedRelease.Open(@new.Root);
        var plan = Assert.Single(AppupPlan.Build(ReleaseDiffer.Compare(o.Snapshot, n.Snapshot), o.Snapshot, n.Snapshot, null));

        Assert.Null(plan.SourcePath);
        Assert.Equal("{load_module,'C'} {load_module,'B',['C']} {update,'A',{advanced,[]},['B']} {add_module,'D'} {delete_module,'E'}", Flat(plan.Generated!.Up));
        Assert.Equal("{load_module,'C'} {load_module,'B',['C']} {update,'A',{advanced,[]},['B']} {add_module,'E'} {delete_module,'D'}", Flat(plan.Generated!.Down));
        AssertErlangReads(plan.Text);
    }

    /// <summary>file:consult must read the file back and print it as written (when Erlang is installed, as on the development machines).</summary>
    private static void AssertErlangReads(string text)
    {
        var erl = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "erl")).FirstOrDefault(File.Exists);
        var roundTrip = RelTool.Formats.Manifests.AppupFile.Parse(RelTool.Formats.Terms.TermReader.Parse(text, "Kv.appup"), "Kv.appup");
        Assert.Equal(text, roundTrip.Format());
        if (erl is null) return;
        var file = Path.GetTempFileName();
        File.WriteAllText(file, text);
        using var process = Process.Start(new ProcessStartInfo(erl, ["-noshell", "-eval", $"{{ok,[T]}} = file:consult(\"{file}\"), io:format(\"~tp.~n\", [T]), halt()."]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(file);
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(text, output);
    }
}
