using System.Reflection;
using System.Runtime.Loader;

namespace RelTool.Boot.Hosting;

/// <summary>
/// Adds etc/appsettings.json and etc/appsettings.&lt;Environment&gt;.json (both optional) to every generic host the app
/// builds, after the app's own configuration sources, so the operator's files win and survive upgrades (lib/ does not).
/// The hosting library announces each host it builds with a "HostBuilding" event on its DiagnosticListener, carrying an
/// IHostBuilder (WebApplicationFactory uses the same hook); the sources are added through its ConfigureAppConfiguration,
/// by reflection because the app's load context owns those types. The app needs no code for it.
/// </summary>
public sealed class EtcAppSettings : IDisposable
{
    private readonly string etcDir;
    private HostingEvents? events;

    private EtcAppSettings(string etcDir) => this.etcDir = etcDir;

    /// <summary>Watches for hosts from now on; subscribe before the app's Main runs.</summary>
    public static EtcAppSettings Watch(string etcDir)
    {
        var watcher = new EtcAppSettings(etcDir);
        watcher.events = HostingEvents.Watch(HostingEvents.HostBuilding, watcher.OnHostBuilding);
        return watcher;
    }

    private void OnHostBuilding(object builder)
    {
        var configure = HostingEvents.HostBuilderMethod(builder, "ConfigureAppConfiguration");
        if (configure?.GetParameters() is not [{ ParameterType: var delegateType }]) return;
        // Action<HostBuilderContext, IConfigurationBuilder> bound to AddSources(object, object): both are reference types.
        configure.Invoke(builder, [Delegate.CreateDelegate(delegateType, this, AddSourcesMethod)]);
    }

    private static readonly MethodInfo AddSourcesMethod =
        typeof(EtcAppSettings).GetMethod(nameof(AddSources), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private void AddSources(object context, object configurationBuilder)
    {
        var environment = context.GetType().GetProperty("HostingEnvironment")?.GetValue(context);
        var environmentName = environment?.GetType().GetProperty("EnvironmentName")?.GetValue(environment) as string;
        var addJsonFile = AddJsonFileMethod(configurationBuilder)
            ?? throw new InvalidOperationException("reltool: cannot add etc/appsettings.json: Microsoft.Extensions.Configuration.Json is not available to the app");
        addJsonFile.Invoke(null, [configurationBuilder, Path.Combine(etcDir, "appsettings.json"), true, false]);
        if (!string.IsNullOrEmpty(environmentName))
            addJsonFile.Invoke(null, [configurationBuilder, Path.Combine(etcDir, $"appsettings.{environmentName}.json"), true, false]);
    }

    /// <summary>JsonConfigurationExtensions.AddJsonFile(builder, path, optional, reloadOnChange), from the builder's load context.</summary>
    private static MethodInfo? AddJsonFileMethod(object configurationBuilder)
    {
        var context = AssemblyLoadContext.GetLoadContext(configurationBuilder.GetType().Assembly) ?? AssemblyLoadContext.Default;
        Assembly json;
        try { json = context.LoadFromAssemblyName(new AssemblyName("Microsoft.Extensions.Configuration.Json")); }
        catch (FileNotFoundException) { return null; }
        return json.GetType("Microsoft.Extensions.Configuration.JsonConfigurationExtensions")?.GetMethods()
            .FirstOrDefault(m => m.Name == "AddJsonFile" && m.GetParameters() is [_, { ParameterType: var p }, { ParameterType: var o }, { ParameterType: var r }]
                                 && p == typeof(string) && o == typeof(bool) && r == typeof(bool));
    }

    public void Dispose() => events?.Dispose();
}
