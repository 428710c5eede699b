using System.Collections.Immutable;
using RelTool.Formats.Layout;

namespace RelTool.Core.Layout;

public enum ApplicationKind { Project, Package, Launcher }

public enum FileRole { Assembly, Resource, Native, Other }

/// <summary>
/// One application of a release: a project or package of the published app (or the launcher), with the published
/// files it owns. File paths are relative to the publish folder and stay the same inside lib/&lt;Name&gt;-&lt;Version&gt;/.
/// </summary>
public sealed record PackagedApplication(
    string Name,
    string Version,
    ApplicationKind Kind,
    bool IsEntry,
    ImmutableArray<string> Dependencies,
    ImmutableArray<ApplicationFile> Files)
{
    public string DirectoryName => ReleaseLayout.LibDirName(Name, Version);
    public string LibDirectory => ReleaseLayout.LibDirPath(Name, Version);

    /// <summary>Assembly simple names: the .app's modules.</summary>
    public ImmutableArray<string> Modules =>
        Files.Where(f => f.Role == FileRole.Assembly).Select(f => f.AssemblyName!).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
}

/// <summary>A published file and what it is: an assembly (with its simple name), a satellite resource (with its culture), a native library or anything else.</summary>
public sealed record ApplicationFile(string RelativePath, FileRole Role, string? AssemblyName = null, string? Culture = null);
