using System.Text.Json;
using RelTool.IntegrationTests.Boot;
using RelTool.IntegrationTests.StockApps;

namespace RelTool.IntegrationTests.Production;

/// <summary>
/// One stock webapi (<see cref="StockWebApi"/>) released once at 1.0.0 for the production tests; each test installs the
/// tarball into a root of its own (<see cref="InstallFresh"/>). `/version` answers the assembly's version, so a new
/// release needs only <see cref="StockWebApi.SetVersion"/>.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProductionWebApi : IDisposable
{
    /// <summary>The test classes that share the one build (they run one after another).</summary>
    public const string Collection = "production webapi";

    public StockWebApi App { get; }

    public JsonElement Release1 { get; }

    public ProductionWebApi()
    {
        App = new StockWebApi("Shop", "1.0.0");
        try
        {
            App.InsertBeforeRun("app.MapGet(\"/version\", () => typeof(Program).Assembly.GetName().Version!.ToString(3));");
            Release1 = App.Release();
        }
        catch
        {
            App.Dispose();
            throw;
        }
    }

    private readonly Dictionary<string, ReleaseTree> installed = [];

    /// <summary>Release 1.0.0 installed in WorkDir/<paramref name="name"/> (once per name).</summary>
    public ReleaseTree InstallFresh(string name)
    {
        lock (installed)
        {
            if (!installed.TryGetValue(name, out var tree)) installed[name] = tree = App.Install(Release1, Path.Combine(App.WorkDir, name));
            return tree;
        }
    }

    public void Dispose() => App.Dispose();
}

[CollectionDefinition(ProductionWebApi.Collection)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProductionWebApiCollection : ICollectionFixture<ProductionWebApi>;
