using RelTool.Core.Diff.Appup;

namespace RelTool.Tests.Diff;

public class DependencyOrderTests
{
    private static string[] Sort(Dictionary<string, string[]> graph) =>
        DependencyOrder.Sort(graph.Keys, m => graph[m]).ToArray();

    [Fact]
    public void Dependencies_come_first()
    {
        Assert.Equal(["C", "B", "A"], Sort(new() { ["A"] = ["B"], ["B"] = ["C"], ["C"] = [] }));
    }

    [Fact]
    public void A_cycle_stays_together_in_name_order_after_its_dependencies()
    {
        Assert.Equal(["Z", "A", "B", "C"], Sort(new() { ["C"] = ["A"], ["A"] = ["B"], ["B"] = ["A", "Z"], ["Z"] = [] }));
    }

    [Fact]
    public void Independent_modules_and_outside_names_keep_name_order()
    {
        Assert.Equal(["D", "B", "C", "A"], Sort(new() { ["A"] = ["B", "C", "System.Runtime"], ["B"] = ["D"], ["C"] = ["D"], ["D"] = [] }));
        Assert.Equal(["a", "b", "c"], Sort(new() { ["c"] = [], ["a"] = [], ["b"] = [] }));
    }
}
