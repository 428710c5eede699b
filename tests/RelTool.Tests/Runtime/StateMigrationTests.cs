using System.Reflection;
using System.Runtime.CompilerServices;
using RelTool.Runtime;

namespace RelTool.Tests.Runtime;

public sealed class StateMigrationTests
{
    private const string StateV1 = """
        using System.Collections.Generic;
        namespace S;
        public enum Mode { Idle, Busy }
        public sealed record Item(string Name, int Count);
        public sealed class State { public Mode Mode = Mode.Busy; public List<Item> Items = new() { new("a", 1), new("b", 2) }; public Dictionary<string, Item> ByName { get; } = new() { ["a"] = new("a", 1) }; }
        """;

    private const string StateV2 = """
        using System.Collections.Generic;
        namespace S;
        public enum Mode { Idle, Busy }
        public sealed record Item(string Name, long Count);
        public sealed class State { public Mode Mode = Mode.Busy; public List<Item> Items = new(); public Dictionary<string, Item> ByName { get; } = new(); }
        """;

    [Fact]
    public void Shared_values_are_handed_over_as_they_are()
    {
        var state = new Dictionary<string, List<int>> { ["a"] = [1, 2] };

        Assert.Same(state, StateExport.Export(state));
    }

    [Fact]
    public void Unshared_state_is_exported_as_bcl_values_and_rebuilt_when_its_shape_is_unchanged()
    {
        var exported = ExportFromPlugin("s-1", StateV1);

        var fields = Assert.IsType<ExportedObject>(exported);
        Assert.Equal("S.State", fields.TypeName);
        Assert.Equal("Busy", fields["Mode"]);
        var firstItem = Assert.IsType<ExportedObject>(Assert.IsType<List<object?>>(fields["Items"])[0]);
        Assert.Equal("a", firstItem["Name"]);
        Assert.Equal(1, firstItem["Count"]);
        Assert.All(Flatten(exported), value => Assert.True(value is null || SharedTypes.IsShared(value.GetType()), $"{value} is not shared"));

        Assert.Equal("Busy;a:1,b:2;a:1", RebuildInPlugin("s-1-again", StateV1, exported));
    }

    [Fact]
    public void A_changed_shape_fails_with_a_clear_message()
    {
        var exported = ExportFromPlugin("s-1", StateV1);

        var error = Assert.Throws<TargetInvocationException>(() => RebuildInPlugin("s-2", StateV2, exported));

        var change = Assert.IsType<CodeChangeException>(error.InnerException);
        Assert.Contains("S.Item had fields [Count:System.Int32;Name:System.String], now has [Count:System.Int64;Name:System.String]", change.Message);
        Assert.Contains("override CodeChange", change.Message);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? ExportFromPlugin(string context, string source)
    {
        var state = Activator.CreateInstance(LoadType(context, source));
        return StateExport.Export(state);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string RebuildInPlugin(string context, string source, object? exported)
    {
        var type = LoadType(context, source);
        dynamic state = typeof(StateImport).GetMethod(nameof(StateImport.Rebuild))!.MakeGenericMethod(type).Invoke(null, [exported])!;
        var items = string.Join(',', ((IEnumerable<dynamic>)state.Items).Select(i => $"{i.Name}:{i.Count}"));
        var byName = string.Join(',', ((IEnumerable<dynamic>)state.ByName.Values).Select(i => $"{i.Name}:{i.Count}"));
        return $"{state.Mode};{items};{byName}";
    }

    private static Type LoadType(string context, string source)
    {
        var loadContext = new RelTool.Runtime.Hosting.CodeLoadContext(context, new Dictionary<string, string>());
        using var image = new MemoryStream(PluginCompiler.Compile("S.State", source));
        return loadContext.LoadFromStream(image).GetType("S.State")!;
    }

    private static IEnumerable<object?> Flatten(object? value) => value switch
    {
        ExportedObject o => new object?[] { o }.Concat(o.Values.SelectMany(Flatten)),
        System.Collections.IDictionary d => new object?[] { d }.Concat(d.Values.Cast<object?>().SelectMany(Flatten)),
        string s => [s],
        System.Collections.IEnumerable e => new object?[] { e }.Concat(e.Cast<object?>().SelectMany(Flatten)),
        _ => [value],
    };
}
