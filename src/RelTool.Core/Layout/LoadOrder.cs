using System.Collections.Immutable;

namespace RelTool.Core.Layout;

/// <summary>Load order: every application after the applications it depends on; ties and cycles broken by name.</summary>
public static class LoadOrder
{
    public static ImmutableArray<PackagedApplication> DependenciesFirst(IReadOnlyList<PackagedApplication> applications)
    {
        var byName = applications.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var remaining = applications.ToDictionary(
            a => a.Name, a => a.Dependencies.Where(d => byName.ContainsKey(d) && d != a.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<PackagedApplication>(applications.Count);
        while (remaining.Count > 0)
        {
            var ready = remaining.Where(r => r.Value.Count == 0).Select(r => r.Key).Order(StringComparer.Ordinal).FirstOrDefault()
                // A cycle: take the smallest name so the order stays stable.
                ?? remaining.Keys.Order(StringComparer.Ordinal).First();
            order.Add(byName[ready]);
            remaining.Remove(ready);
            foreach (var dependencies in remaining.Values) dependencies.Remove(ready);
        }
        return order.MoveToImmutable();
    }
}
