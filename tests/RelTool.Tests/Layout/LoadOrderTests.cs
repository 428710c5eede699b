using RelTool.Core.Layout;

namespace RelTool.Tests.Layout;

public class LoadOrderTests
{
    private static PackagedApplication App(string name, params string[] deps) => new(name, "1.0.0", ApplicationKind.Package, false, [.. deps], []);

    [Fact]
    public void Dependencies_come_first_and_ties_go_by_name()
    {
        var order = LoadOrder.DependenciesFirst([App("Web", "Lib", "Zed"), App("Lib", "Json"), App("Zed"), App("Json"), App("Alpha")]);
        Assert.Equal(["Alpha", "Json", "Lib", "Zed", "Web"], order.Select(a => a.Name));
    }

    [Fact]
    public void A_cycle_keeps_a_stable_order_and_loses_nothing()
    {
        var order = LoadOrder.DependenciesFirst([App("B", "A"), App("A", "B"), App("C", "A")]);
        Assert.Equal(["A", "B", "C"], order.Select(a => a.Name));
    }
}
