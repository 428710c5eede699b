using RelTool.Formats.Layout;

namespace RelTool.Formats.Trust;

/// <summary>Names of the trust files of a release (docs/release-layout.md): the SBOM, the checksum list, signatures, trusted keys.</summary>
public static class TrustFiles
{
    /// <summary>releases/&lt;Vsn&gt;/SHA256SUMS, in sha256sum's format, paths relative to the release root.</summary>
    public const string ChecksumsFileName = "SHA256SUMS";

    /// <summary>A detached signature sits beside the file it signs, with this suffix.</summary>
    public const string SignatureSuffix = ".sig";

    /// <summary>releases/&lt;Vsn&gt;/trusted_keys/*.pub: the keys an installed release accepts upgrade tarballs from.</summary>
    public const string TrustedKeysDirectoryName = "trusted_keys";

    public const string PublicKeySuffix = ".pub";

    /// <summary>releases/&lt;Vsn&gt;/&lt;name&gt;.cdx.json, the CycloneDX SBOM.</summary>
    public static string SbomFileName(string releaseName) => releaseName + ".cdx.json";

    public static string SignaturePath(string file) => file + SignatureSuffix;

    /// <summary>'/'-separated paths relative to the release root.</summary>
    public static string ChecksumsPath(string version) => ReleaseLayout.ReleaseFilePath(version, ChecksumsFileName);

    public static string SbomPath(string releaseName, string version) => ReleaseLayout.ReleaseFilePath(version, SbomFileName(releaseName));

    public static string TrustedKeysPath(string version) => ReleaseLayout.ReleaseFilePath(version, TrustedKeysDirectoryName);
}
