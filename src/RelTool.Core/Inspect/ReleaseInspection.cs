using RelTool.Core.Releases;
using RelTool.Formats.Trust;

namespace RelTool.Core.Inspect;

/// <summary>`reltool inspect PATH [--version V]`: reads a release directory or a release tarball and inspects it.</summary>
public static class ReleaseInspection
{
    /// <exception cref="ReleaseReadException">the input cannot be read at all: missing, unreadable, not a release, no release <paramref name="version"/></exception>
    /// <param name="keyPath">`--key PUB`: the public key the signature must verify with; null: the signature state is only shown.</param>
    /// <exception cref="TrustException">the --key file is not a usable public key</exception>
    public static Inspection Run(string path, string? version, string? keyPath = null)
    {
        try
        {
            if (keyPath is not null) using (TrustedKey.Read(keyPath)) { }
        }
        catch (TrustException e)
        {
            throw new TrustException($"--key {e.Message}");
        }
        if (Directory.Exists(path))
        {
            var directoryFiles = ReleaseFilesReader.FromDirectory(path);
            return TrustChecks.Add(ReleaseInspector.Inspect(path, directoryFiles, null, version), directoryFiles, keyPath);
        }
        if (!File.Exists(path))
            throw new ReleaseReadException("no such file or directory", file: path, fix: "give a release directory (e.g. _build/rel/<name>) or a .tar.gz made by `reltool release`");
        var (files, tarball) = ReleaseFilesReader.FromTarball(path);
        return TrustChecks.Add(ReleaseInspector.Inspect(path, files, tarball, version), files, keyPath);
    }
}
