using System.Reflection;

namespace RelTool.Core.Targets;

/// <summary>
/// Binds a target's apphost (from its Microsoft.NETCore.App.Host pack) to a managed entry assembly, with the SDK's own
/// HostWriter (Microsoft.NET.HostModel, shipped in every SDK), exactly as `dotnet publish` makes an app's executable:
/// the placeholder replaced by the relative DLL path, Windows resources left alone, Mach-O re-signed ad hoc.
/// </summary>
public static class AppHostWriter
{
    private const string HostModelAssembly = "Microsoft.NET.HostModel.dll";
    private const string HostWriterType = "Microsoft.NET.HostModel.AppHost.HostWriter";

    /// <param name="sdkDirectory">The SDK folder (MSBuild's own, where HostModel sits).</param>
    /// <param name="boundAssembly">The DLL path relative to <paramref name="destination"/>'s folder, with '/'.</param>
    public static void Create(string sdkDirectory, string appHostSource, string destination, string boundAssembly, TargetPlatform target)
    {
        var hostModel = Path.Combine(sdkDirectory, HostModelAssembly);
        if (!File.Exists(hostModel))
            throw new Release.ReleaseException($"the SDK in {sdkDirectory} has no {HostModelAssembly}, which writes the {target.RuntimeIdentifier} launcher executable; use a .NET 10 SDK");
        var method = Assembly.LoadFrom(hostModel).GetType(HostWriterType)?.GetMethod("CreateAppHost", BindingFlags.Public | BindingFlags.Static)
            ?? throw new Release.ReleaseException($"{hostModel} has no {HostWriterType}.CreateAppHost; use a .NET 10 SDK");
        var named = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["appHostSourceFilePath"] = appHostSource,
            ["appHostDestinationFilePath"] = destination,
            ["appBinaryFilePath"] = boundAssembly,
            ["windowsGraphicalUserInterface"] = false,
            ["assemblyToCopyResourcesFrom"] = null,
            // Apple silicon runs no unsigned code: the patched apphost gets an ad-hoc signature, as the SDK gives it.
            ["enableMacOSCodeSign"] = target.Os == TargetOs.MacOS,
        };
        var parameters = method.GetParameters();
        var arguments = parameters.Select(p => named.TryGetValue(p.Name ?? "", out var value) ? value
            : p.HasDefaultValue ? p.DefaultValue
            : throw new Release.ReleaseException($"{HostWriterType}.CreateAppHost in {hostModel} takes an unknown parameter {p.Name}; use a .NET 10 SDK")).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        try
        {
            method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new Release.ReleaseException($"could not write the {target.RuntimeIdentifier} launcher {destination} from {appHostSource}: {e.InnerException.Message}");
        }
    }
}
