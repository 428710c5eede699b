using RelTool.Boot.ReleaseHandler.NodeSide;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;

namespace RelTool.Tests.Boot;

/// <summary>Whether the launcher starts a release's entry on RelTool.Runtime. The answer `release` records in the
/// runtimeconfig is AppContext data of the process; the tests set it and put it back (no other test reads it).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RuntimeAppTests
{
    private static readonly ReleaseRoot Root = new("/srv/kv");
    private const string RuntimeDll = "lib/RelTool.Runtime-0.1.0/RelTool.Runtime.dll";

    private static BootFile Boot(bool shipsRuntime) => new(
        "kv", "0.1.0", "10.0.0", [], "Kv", "lib/Kv-0.1.0/Kv.dll", [],
        shipsRuntime ? [new BootAssembly(RuntimeApp.RuntimeAssemblyName, "", RuntimeDll), new BootAssembly("Kv", "", "lib/Kv-0.1.0/Kv.dll")] : [new BootAssembly("Kv", "", "lib/Kv-0.1.0/Kv.dll")],
        []);

    private static string? WithRecorded(string? recorded, Func<string?> run)
    {
        AppContext.SetData(ReleaseLayout.EntryOnRuntimeProperty, recorded);
        try { return run(); }
        finally { AppContext.SetData(ReleaseLayout.EntryOnRuntimeProperty, null); }
    }

    [Fact]
    public void The_recorded_answer_is_taken_without_opening_the_entry()
    {
        // The entry does not exist: reading its metadata would throw.
        var missing = Path.Combine(Path.GetTempPath(), $"reltool-no-entry-{Guid.NewGuid():N}.dll");

        Assert.Equal(Root.Resolve(RuntimeDll), WithRecorded("true", () => RuntimeApp.RuntimeOf(Root, Boot(shipsRuntime: true), missing)));
        Assert.Null(WithRecorded("false", () => RuntimeApp.RuntimeOf(Root, Boot(shipsRuntime: true), missing)));
    }

    [Fact]
    public void A_release_that_ships_no_RelTool_Runtime_is_another_app_whatever_is_recorded()
    {
        Assert.Null(WithRecorded("true", () => RuntimeApp.RuntimeOf(Root, Boot(shipsRuntime: false), "/nowhere/Kv.dll")));
    }

    [Fact]
    public void Without_a_recorded_answer_the_entrys_references_decide()
    {
        // An older release: xunit's assembly references no RelTool.Runtime, the launcher's own does.
        Assert.Null(WithRecorded(null, () => RuntimeApp.RuntimeOf(Root, Boot(shipsRuntime: true), typeof(FactAttribute).Assembly.Location)));
        Assert.Equal(Root.Resolve(RuntimeDll), WithRecorded(null, () => RuntimeApp.RuntimeOf(Root, Boot(shipsRuntime: true), typeof(RuntimeApp).Assembly.Location)));
    }
}
