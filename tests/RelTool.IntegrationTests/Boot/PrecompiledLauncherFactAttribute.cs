using System.Runtime.InteropServices;

namespace RelTool.IntegrationTests.Boot;

/// <summary>
/// A fact about the precompiled (ReadyToRun) launcher, which the tool carries for linux-x64 only
/// (src/RelTool/RelTool.csproj, BootReadyToRunRuntimeIdentifiers): on another host a release carries the portable
/// launcher, so such a fact is skipped and says so — never passed. CI runs on linux-x64.
/// </summary>
public sealed class PrecompiledLauncherFactAttribute : FactAttribute
{
    public PrecompiledLauncherFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
            Skip = "the launcher is precompiled for linux-x64 only; this host's releases carry the portable launcher";
    }
}
