using System.Security;
using RelTool.Formats;

namespace RelTool.Core.Build;

/// <summary>
/// A temporary MSBuild file, imported through CustomBeforeMicrosoftCommonTargets, that adds folders to
/// DefaultItemExcludes: the SDK's default globs (Compile, None, and the Web/Worker SDKs' Content `**/*.json`) skip them.
/// A global DefaultItemExcludes would replace the SDK's own value (bin/, obj/...), so the file appends instead, and it
/// still imports the Custom.Before.Microsoft.Common.targets the global property displaces.
/// </summary>
internal sealed class ItemExclusionImport : IDisposable
{
    public const string PropertyName = "CustomBeforeMicrosoftCommonTargets";
    private const string FilePrefix = "reltool-exclude-";
    private static readonly DateTime UnchangedSince = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private ItemExclusionImport(string path) => Path = path;

    public string Path { get; }

    /// <summary>Null when there is nothing to exclude. <paramref name="displaced"/>: a CustomBeforeMicrosoftCommonTargets the caller set, imported in turn.</summary>
    public static ItemExclusionImport? Create(IEnumerable<string> directories, string? displaced)
    {
        var patterns = directories.Select(d => Escape(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(d))) + "/**").ToList();
        if (patterns.Count == 0) return null;
        // Named with this process's id, so that a later run removes what a killed one left.
        StaleFiles.RemoveLeftovers(System.IO.Path.GetTempPath(), FilePrefix);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), StaleFiles.NameFor(FilePrefix, ".targets"));
        File.WriteAllText(path, Text(patterns, displaced));
        // An import newer than a project's outputs makes MSBuild rebuild it (MSBuildAllProjects is an input of CoreCompile
        // and friends); a new file each run would recompile every project every run. What it changes, the items, is
        // tracked by the SDK itself (CoreCompileInputs.cache), so an old time stamp is safe.
        File.SetLastWriteTimeUtc(path, UnchangedSince);
        return new ItemExclusionImport(path);
    }

    public static string Text(IReadOnlyList<string> patterns, string? displaced)
    {
        var next = SecurityElement.Escape(displaced is { Length: > 0 } ? displaced : DefaultCustomBefore);
        return $"""
            <Project>
              <PropertyGroup>
                <DefaultItemExcludes>$(DefaultItemExcludes);{SecurityElement.Escape(string.Join(';', patterns))}</DefaultItemExcludes>
              </PropertyGroup>
              <Import Project="{next}" Condition="Exists('{next}')" />
            </Project>
            """;
    }

    /// <summary>What Microsoft.Common.CurrentVersion.targets imports when nobody sets the property.</summary>
    private const string DefaultCustomBefore = "$(MSBuildExtensionsPath)/v$(MSBuildToolsVersion)/Custom.Before.Microsoft.Common.targets";

    /// <summary>MSBuild's escaping of the characters that are special in item specs and property values.</summary>
    public static string Escape(string path)
    {
        var escaped = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
            escaped.Append(c is '%' or '$' or '@' or '\'' or ';' or '?' or '*' ? $"%{(int)c:X2}" : c.ToString());
        return escaped.ToString();
    }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { }
    }
}
