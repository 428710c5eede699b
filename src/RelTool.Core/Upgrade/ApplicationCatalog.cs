using System.Collections.Immutable;

namespace RelTool.Core.Upgrade;

/// <summary>
/// The application versions the translation may use, in search order (like systools' code path:
/// the first entry with the right name and version wins).
/// </summary>
public sealed record ApplicationCatalog(ImmutableArray<ApplicationVersion> Versions)
{
    public static readonly ApplicationCatalog Empty = new(ImmutableArray<ApplicationVersion>.Empty);

    public static ApplicationCatalog Of(IEnumerable<ApplicationVersion> versions) => new(versions.ToImmutableArray());

    public ApplicationVersion? Find(string name, string vsn) =>
        Versions.FirstOrDefault(v => v.Manifest.Name == name && v.Manifest.Vsn == vsn);

    public IEnumerable<ApplicationVersion> VersionsOf(string name) => Versions.Where(v => v.Manifest.Name == name);
}
