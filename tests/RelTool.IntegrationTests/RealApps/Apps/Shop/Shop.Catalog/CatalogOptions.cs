namespace Shop.Catalog;

public sealed class CatalogOptions
{
    public string StoreName { get; set; } = "";
    public List<Product> Products { get; set; } = [];
}
