namespace RelTool.Core.Build;

/// <summary>The .NET SDK that builds the release, and the dotnet root it belongs to (where runtime/ is copied from).</summary>
public sealed record SdkInstance(string Version, string MSBuildPath, string DotnetRoot);
