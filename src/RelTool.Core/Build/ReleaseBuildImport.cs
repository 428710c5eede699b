using System.Security;
using RelTool.Formats;
using RelTool.Formats.Layout;

namespace RelTool.Core.Build;

/// <summary>
/// A temporary MSBuild file, imported through CustomBeforeMicrosoftCommonTargets, holding the release's own build rules:
/// <list type="bullet">
/// <item>folders added to DefaultItemExcludes, so that the SDK's default globs (Compile, None, and the Web/Worker SDKs'
/// Content `**/*.json`) skip them. A global DefaultItemExcludes would replace the SDK's own value (bin/, obj/...), so
/// the file appends instead;</item>
/// <item>ReadyToRun limited to RelTool.Runtime.dll (the publish runs with PublishReadyToRun): the node's host loads
/// it into the default context, where precompiled code is used, while the app's own assemblies run in collectible
/// contexts (live upgrades), where the runtime ignores it, or are the user's to precompile or not.</item>
/// </list>
/// It still imports the Custom.Before.Microsoft.Common.targets the global property displaces.
/// </summary>
internal sealed class ReleaseBuildImport : IDisposable
{
    public const string PropertyName = "CustomBeforeMicrosoftCommonTargets";
    private const string FilePrefix = "reltool-build-";
    private static readonly DateTime UnchangedSince = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private ReleaseBuildImport(string path) => Path = path;

    public string Path { get; }

    /// <param name="excludedDirectories">Folders the build must not pick up as items.</param>
    /// <param name="displaced">A CustomBeforeMicrosoftCommonTargets the caller set, imported in turn.</param>
    public static ReleaseBuildImport Create(IEnumerable<string> excludedDirectories, string? displaced)
    {
        var patterns = excludedDirectories.Select(d => Escape(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(d))) + "/**").ToList();
        // Named with this process's id, so that a later run removes what a killed one left.
        StaleFiles.RemoveLeftovers(System.IO.Path.GetTempPath(), FilePrefix);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), StaleFiles.NameFor(FilePrefix, ".targets"));
        File.WriteAllText(path, Text(patterns, displaced));
        // An import newer than a project's outputs makes MSBuild rebuild it (MSBuildAllProjects is an input of CoreCompile
        // and friends); a new file each run would recompile every project every run. What it changes, the items, is
        // tracked by the SDK itself (CoreCompileInputs.cache), so an old time stamp is safe.
        File.SetLastWriteTimeUtc(path, UnchangedSince);
        return new ReleaseBuildImport(path);
    }

    public static string Text(IReadOnlyList<string> patterns, string? displaced)
    {
        var next = SecurityElement.Escape(displaced is { Length: > 0 } ? displaced : DefaultCustomBefore);
        var excludes = patterns.Count == 0 ? "" : $"""

              <PropertyGroup>
                <DefaultItemExcludes>$(DefaultItemExcludes);{SecurityElement.Escape(string.Join(';', patterns))}</DefaultItemExcludes>
              </PropertyGroup>
            """;
        // After the SDK has marked what it would precompile (PostprocessAssembly) and before it makes the list: every
        // other assembly goes to PublishReadyToRunExclude, which the SDK matches by file name.
        return $"""
            <Project>{excludes}
              <Target Name="RelToolReadyToRunScope" BeforeTargets="_PrepareForReadyToRunCompilation">
                <ItemGroup>
                  <PublishReadyToRunExclude Include="@(ResolvedFileToPublish->'%(Filename)%(Extension)')" Condition="'%(ResolvedFileToPublish.PostprocessAssembly)' == 'true' and '%(Filename)%(Extension)' != '{PrecompiledAssembly}'" />
                  <PublishReadyToRunExclude Include="@(IntermediateAssembly->'%(Filename)%(Extension)')" Condition="'%(Filename)%(Extension)' != '{PrecompiledAssembly}'" />
                </ItemGroup>
              </Target>
              <Import Project="{next}" Condition="Exists('{next}')" />
            </Project>
            """;
    }

    /// <summary>The one assembly a release precompiles (ReadyToRun).</summary>
    public const string PrecompiledAssembly = ReleaseLayout.RuntimeApplication + ".dll";

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
