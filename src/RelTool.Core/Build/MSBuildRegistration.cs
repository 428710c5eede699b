using Microsoft.Build.Locator;

namespace RelTool.Core.Build;

/// <summary>
/// Registers the .NET SDK's MSBuild with the locator, once per process. Must run before any method that touches
/// a Microsoft.Build type is JIT-compiled, so this class itself never names one.
/// </summary>
public static class MSBuildRegistration
{
    private static readonly Lock Gate = new();
    private static SdkInstance? registered;

    /// <summary>Registers the SDK that global.json in <paramref name="workingDirectory"/> (or above it) selects, or the newest.</summary>
    public static SdkInstance EnsureRegistered(string workingDirectory)
    {
        lock (Gate)
        {
            if (registered is not null) return registered;
            var instance = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                {
                    DiscoveryTypes = DiscoveryType.DotNetSdk,
                    WorkingDirectory = workingDirectory,
                })
                .FirstOrDefault()
                ?? throw new InvalidOperationException($"no .NET SDK found for {workingDirectory}; install one or check global.json");
            if (!MSBuildLocator.IsRegistered) MSBuildLocator.RegisterInstance(instance);
            var dotnetRoot = Path.GetFullPath(Path.Combine(instance.MSBuildPath, "..", ".."));
            // The Csc and other tool tasks start the compiler through the dotnet host named here.
            var host = Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")) && File.Exists(host))
                Environment.SetEnvironmentVariable("DOTNET_HOST_PATH", host);
            // Restore runs in this process: NuGet looks for the SDK's signature trust bundle beside reltool.
            NuGetTrustBundle.Prepare(instance.MSBuildPath);
            registered = new SdkInstance(instance.Version.ToString(), instance.MSBuildPath, dotnetRoot);
            return registered;
        }
    }
}

/// <summary>The .NET SDK that builds the release, and the dotnet root it belongs to (where runtime/ is copied from).</summary>
public sealed record SdkInstance(string Version, string MSBuildPath, string DotnetRoot);
