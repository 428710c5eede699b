using System.Runtime.CompilerServices;

namespace RelTool.Core.Build;

/// <summary>Restores and publishes a project in this process with the SDK's MSBuild.</summary>
public static class ProjectPublisher
{
    /// <summary>Throws <see cref="BuildFailedException"/> with MSBuild's diagnostics when restore or publish fails.</summary>
    public static PublishResult Publish(PublishRequest request, Action<string>? progress = null)
    {
        MSBuildRegistration.EnsureRegistered(Path.GetDirectoryName(request.ProjectPath)!);
        return PublishWithMSBuild(request, progress);
    }

    // Kept out of line so that Microsoft.Build is loaded only after the locator has been registered.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PublishResult PublishWithMSBuild(PublishRequest request, Action<string>? progress) =>
        MSBuildSession.Publish(request, progress);
}
