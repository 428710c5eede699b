using System.Collections.Immutable;

namespace RelTool.Core.Releases;

/// <summary>One version of a release as found on disk: what its .rel lists and where each application's files are.</summary>
public sealed record ReleaseSnapshot(string Root, string Name, string Version, string RuntimeVersion, ImmutableArray<ReleaseApp> Applications);

/// <param name="Directory">Absolute path of lib/&lt;Name&gt;-&lt;Version&gt;/.</param>
/// <param name="Modules">The modules its .app lists; when it lists none, the assemblies at the top of the directory.</param>
public sealed record ReleaseApp(string Name, string Version, string Directory, ImmutableArray<string> Modules);
