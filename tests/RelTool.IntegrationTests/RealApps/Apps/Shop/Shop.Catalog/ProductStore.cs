using System.Collections.Concurrent;

namespace Shop.Catalog;

public sealed class ProductStore
{
    private readonly ConcurrentDictionary<int, Product> products;

    public ProductStore(IEnumerable<Product> seed) =>
        products = new ConcurrentDictionary<int, Product>(seed.Select(p => KeyValuePair.Create(p.Id, p)));

    public IReadOnlyList<Product> All() => products.Values.OrderBy(p => p.Id).ToList();

    public Product? Find(int id) => products.TryGetValue(id, out var p) ? p : null;

    public Product Add(string name, decimal price)
    {
        var id = products.IsEmpty ? 1 : products.Keys.Max() + 1;
        var product = new Product(id, name, price);
        products[id] = product;
        return product;
    }
}
