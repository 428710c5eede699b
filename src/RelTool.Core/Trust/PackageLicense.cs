using System.Xml.Linq;

namespace RelTool.Core.Trust;

/// <summary>A NuGet package's licence as its nuspec declares it: an SPDX expression, a file in the package, or a URL.</summary>
public sealed record PackageLicense(string? Expression, string? File, string? Url)
{
    /// <summary>Where restore put packages: NUGET_PACKAGES, else ~/.nuget/packages (NuGet's own default).</summary>
    public static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The licence of package <paramref name="id"/> <paramref name="version"/> from its nuspec in the packages folder; null when it declares none or the nuspec is not there.</summary>
    public static PackageLicense? Find(string packagesFolder, string id, string version)
    {
        var nuspec = Path.Combine(packagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant(), id.ToLowerInvariant() + ".nuspec");
        if (!System.IO.File.Exists(nuspec)) return null;
        try
        {
            var metadata = XDocument.Load(nuspec).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            if (metadata is null) return null;
            var license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
            var url = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value.Trim();
            var type = license?.Attribute("type")?.Value;
            var value = license?.Value.Trim();
            if (type == "expression" && value is { Length: > 0 }) return new PackageLicense(value, null, null);
            if (type == "file" && value is { Length: > 0 }) return new PackageLicense(null, value, url is { Length: > 0 } ? url : null);
            return url is { Length: > 0 } ? new PackageLicense(null, null, url) : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
