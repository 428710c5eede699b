using System.Text.RegularExpressions;

namespace RelTool.Core.Config;

/// <summary>What a release name may be: it names bin/&lt;name&gt;, the tarball and the .rel file.</summary>
public static partial class ReleaseNames
{
    public const string Rule = "must start with a letter or digit and hold only letters, digits, '.', '_' and '-'";

    public static bool IsValid(string name) => NamePattern().IsMatch(name);

    /// <summary>The release name used when none is configured: the project file's name in lower case.</summary>
    public static string FromProject(string projectPath)
    {
        var stem = Path.GetFileNameWithoutExtension(projectPath).ToLowerInvariant();
        var cleaned = InvalidChars().Replace(stem, "-").Trim('-', '.', '_');
        return cleaned.Length == 0 ? "release" : cleaned;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex InvalidChars();
}
