using System.Reflection;
using RelTool.Core.Release;

namespace RelTool.Output;

/// <summary>This tool's version and the files it carries (boot/, templates/).</summary>
public static class ToolInfo
{
    public static string Version
    {
        get
        {
            var informational = typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version[..plus];
        }
    }

    public static ToolFiles Files => ToolFiles.FromToolDirectory(AppContext.BaseDirectory, Version);
}
