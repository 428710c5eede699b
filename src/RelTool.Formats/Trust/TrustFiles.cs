using RelTool.Formats.Layout;

namespace RelTool.Formats.Trust;

/// <summary>Names of the trust files of a release (docs/release-layout.md): the SBOM, the checksum list, signatures, trusted keys.</summary>
public static class TrustFiles
{
    /// <summary>A detached signature sits beside the file it signs, with this suffix.</summary>
    public const string SignatureSuffix = ".sig";

    public const string PublicKeySuffix = ".pub";

    public static string SignaturePath(string file) => file + SignatureSuffix;

    /// <summary>'/'-separated paths relative to the release root.</summary>
    public static string ChecksumsPath(string version) => ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.ChecksumsFileName);

    public static string SbomPath(string releaseName, string version) => ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.SbomFileName(releaseName));

    public static string TrustedKeysPath(string version) => ReleaseLayout.ReleaseFilePath(version, ReleaseLayout.TrustedKeysDir);
}
