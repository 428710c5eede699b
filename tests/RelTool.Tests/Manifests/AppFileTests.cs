using RelTool.Formats.Manifests;
using RelTool.Formats.Terms;
using RelTool.Tests.Golden;

namespace RelTool.Tests.Manifests;

public class AppFileTests
{
    [Fact]
    public void Reads_an_otp_app_file()
    {
        var app = AppFile.Parse("""
            {application, oldapp,
             [{description, "oldapp"},
              {vsn, "1.0"},
              {modules, [oldapp_app, oldapp_sup, oldapp_worker]},
              {registered, []},
              {applications, [kernel, stdlib]}]}.
            """, "oldapp.app");
        Assert.Equal(("oldapp", "1.0", "oldapp"), (app.Name, app.Version, app.Description));
        Assert.Equal(["oldapp_app", "oldapp_sup", "oldapp_worker"], app.Modules.ToArray());
        Assert.Equal(["kernel", "stdlib"], app.Applications.ToArray());
        Assert.Null(app.Mod);
    }

    private static readonly AppFile EveryKey = new("Kv.Core", "1.2.0")
    {
        Description = "KV core",
        Id = "abc",
        Modules = ["Kv.Core", "Kv.Core.Storage"],
        MaxProcesses = AppLimit.Infinity,
        MaxTime = new AppLimit(5000),
        Registered = ["kv_server"],
        IncludedApplications = ["Kv.Inner"],
        OptionalApplications = ["Kv.Metrics"],
        Applications = ["kernel", "Kv.Metrics"],
        Env = [new AppEnvEntry("port", Erl.Int(4000)), new AppEnvEntry("name", Erl.Str("kv"))],
        Mod = new AppCallback("Kv.Core.App", Erl.Nil),
        StartPhases = [new AppStartPhase("init", Erl.Nil)],
        RuntimeDependencies = ["kernel-8.0"],
    };

    [Fact]
    public void Every_key_round_trips() => Assert.Equal(EveryKey, AppFile.Parse(EveryKey.Format(), "kv.app"));

    [Fact]
    public void Writes_every_key() => GoldenFile.Verify(EveryKey.Format());

    [Fact]
    public void Defaults_for_missing_keys()
    {
        var app = AppFile.Parse("{application,a,[{vsn,\"1\"}]}.", "a.app");
        Assert.Equal(new AppFile("a", "1"), app);
        Assert.Equal("", app.Description);
        Assert.Empty(app.Modules);
        Assert.Null(app.StartPhases);
        Assert.Equal("""
            {application,a,
                         [{description,[]},
                          {vsn,"1"},
                          {modules,[]},
                          {registered,[]},
                          {applications,[]}]}.

            """, app.Format());
    }

    [Theory]
    [InlineData("{application,a,[{vsn,\"1\"},\n  {colour,red}]}.", 2, 4, "unknown application key colour; app(4) keys are description, id, vsn, modules, maxP, maxT, registered, included_applications, optional_applications, applications, env, mod, start_phases, runtime_dependencies")]
    [InlineData("{application,a,[{vsn,\"1\"},{vsn,\"2\"}]}.", 1, 27, "application key vsn is given twice")]
    [InlineData("{application,a,[{description,\"d\"}]}.", 1, 16, "application a has no vsn")]
    [InlineData("{application,a,[{vsn,1}]}.", 1, 22, "vsn must be a string, found 1")]
    [InlineData("{application,a,[{vsn,\"1\"},{modules,[a,\"b\"]}]}.", 1, 39, "each element of modules must be an atom, found \"b\"")]
    [InlineData("{application,a,[{vsn,\"1\"},{maxT,-1}]}.", 1, 33, "maxT must be a non-negative integer or infinity, found -1")]
    [InlineData("{application,a,[{vsn,\"1\"},{optional_applications,[b]}]}.", 1, 50, "optional application b must also be listed in applications")]
    [InlineData("{application,a,[{vsn,\"1\"},{mod,m}]}.", 1, 32, "mod {Module,StartArgs} must be a 2-tuple, found m")]
    [InlineData("{application,\"a\",[]}.", 1, 14, "the application name must be an atom, found \"a\"")]
    [InlineData("{application,a,[{vsn,\"1\"}|x]}.", 1, 16, "the application keys must be a list, found [{vsn,\"1\"}|x]")]
    public void ErrorsNameTheRuleAndPosition(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<ManifestException>(() => AppFile.Parse(text, "a.app"));
        Assert.Equal(("a.app", (int?)line, (int?)column, problem), (e.File, e.Line, e.Column, e.Problem));
    }

    private static AppFile ReadAsSystools(string text)
    {
        var (term, shape) = TermShape.ParseSingle(text, "a.app", AppFile.Form);
        return AppFile.FromTerm(term, shape, AppFileRules.Systools);
    }

    [Fact]
    public void Systools_rules_ignore_other_keys_and_take_the_first_of_a_repeated_one()
    {
        var app = ReadAsSystools("{application,a,[{vsn,\"1\"},{modules,[m,m]},{licenses,[\"MIT\"]},{vsn,\"2\"},bad,{optional_applications,[o]}]}.");
        Assert.Equal(new AppFile("a", "1") { Modules = ["m", "m"], OptionalApplications = ["o"] }, app);
    }

    [Theory]
    [InlineData("{application,a,[{vsn,\"1\"}]}.", 1, 16, "application a has no modules")]
    [InlineData("{application,a,[{modules,[]}]}.", 1, 16, "application a has no vsn")]
    [InlineData("{application,a,[{vsn,\"1\"},{modules,[a,\"b\"]}]}.", 1, 39, "each element of modules must be an atom, found \"b\"")]
    public void Systools_rules_require_vsn_and_modules(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<ManifestException>(() => ReadAsSystools(text));
        Assert.Equal(("a.app", (int?)line, (int?)column, problem), (e.File, e.Line, e.Column, e.Problem));
    }
}
