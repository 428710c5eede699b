using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shop.Catalog;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<CatalogOptions>(builder.Configuration.GetSection("Catalog"));
builder.Services.AddSingleton(sp => new ProductStore(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Products));

builder.Services.AddOpenTelemetry()
    .ConfigureResource(r => r.AddService("shop-api"))
    .WithTracing(t => t.AddAspNetCoreInstrumentation().AddConsoleExporter())
    .WithMetrics(m => m.AddAspNetCoreInstrumentation());

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapStaticAssets();

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.MapGet("/info", (IHostEnvironment env, IOptions<CatalogOptions> options) => new
{
    entryAssembly = Assembly.GetEntryAssembly()?.GetName().Name,
    baseDirectory = AppContext.BaseDirectory,
    contentRoot = env.ContentRootPath,
    webRoot = app.Environment.WebRootPath,
    environment = env.EnvironmentName,
    applicationName = env.ApplicationName,
    storeName = options.Value.StoreName,
    frameworks = AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => a.GetName().Name is "Microsoft.AspNetCore" or "OpenTelemetry")
        .Select(a => $"{a.GetName().Name} {a.GetName().Version}")
        .Order(),
});

app.MapGet("/products", (ProductStore store) => store.All());
app.MapGet("/products/{id:int}", (int id, ProductStore store) =>
    store.Find(id) is { } p ? Results.Ok(p) : Results.NotFound());
app.MapPost("/products", (NewProduct input, ProductStore store) =>
{
    var product = store.Add(input.Name, input.Price);
    return Results.Created($"/products/{product.Id}", product);
});

app.Lifetime.ApplicationStopping.Register(() => app.Logger.LogInformation("shop-api stopping"));

// Work between Build and Run (migrations, cache warm-up) that a launcher's start must wait out.
if (app.Configuration.GetValue<int>("Startup:WarmUpMs") is > 0 and var warmUp) Thread.Sleep(warmUp);

app.Run();

record NewProduct(string Name, decimal Price);
