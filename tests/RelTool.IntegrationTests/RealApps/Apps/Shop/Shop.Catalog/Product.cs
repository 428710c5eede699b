namespace Shop.Catalog;

public sealed record Product(int Id, string Name, decimal Price);
