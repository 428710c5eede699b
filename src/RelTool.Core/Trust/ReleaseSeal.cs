using System.Collections.Immutable;
using System.Security.Cryptography;
using RelTool.Core.Release;
using RelTool.Formats.Archive;
using RelTool.Formats.Layout;
using RelTool.Formats.Manifests;
using RelTool.Formats.Trust;

namespace RelTool.Core.Trust;

/// <summary>What <see cref="ReleaseSeal.Write"/> wrote, as paths relative to the release root ('/').</summary>
public sealed record SealedRelease(string SbomPath, string ChecksumsPath, string? ChecksumsSignaturePath, ImmutableArray<string> TrustedKeys, int Files);

/// <summary>
/// Writes the trust files of a staged release, once its tree is complete and before it is packed:
/// releases/&lt;Vsn&gt;/trusted_keys/ (rel/config.yaml's trusted_keys), the SBOM, SHA256SUMS and, with a signing key,
/// SHA256SUMS.sig. SHA256SUMS covers every file of the release but the install state the release handler rewrites
/// (releases/RELEASES, releases/start_erl.data) and itself with its signature; tarballs are signed on their own.
/// </summary>
public static class ReleaseSeal
{
    public static SealedRelease Write(StagedRelease staged, ImmutableArray<string> trustedKeys, ECDsa? signingKey, string toolVersion)
    {
        var keys = CopyTrustedKeys(staged, trustedKeys);
        var hashes = HashTree(staged);
        var sbomPath = TrustFiles.SbomPath(staged.Name, staged.Version);
        var sbom = Sbom.Format(staged, hashes, toolVersion, ArchiveTimestamp.FromEnvironment(), PackageLicense.GlobalPackagesFolder());
        File.WriteAllBytes(Path.Combine(staged.Root, sbomPath), sbom);
        hashes[sbomPath] = Convert.ToHexStringLower(SHA256.HashData(sbom));

        var checksumsPath = TrustFiles.ChecksumsPath(staged.Version);
        var checksums = new ChecksumFile([.. hashes.Select(h => new FileChecksum(h.Key, h.Value))]);
        var checksumsFile = Path.Combine(staged.Root, checksumsPath);
        File.WriteAllText(checksumsFile, checksums.Format(), new System.Text.UTF8Encoding(false));
        string? signature = null;
        if (signingKey is not null)
        {
            SignFile(signingKey, checksumsFile);
            signature = TrustFiles.SignaturePath(checksumsPath);
        }
        return new SealedRelease(sbomPath, checksumsPath, signature, keys, hashes.Count);
    }

    /// <summary>Writes FILE.sig beside <paramref name="file"/>.</summary>
    public static string SignFile(ECDsa key, string file)
    {
        var signature = TrustFiles.SignaturePath(file);
        File.WriteAllBytes(signature, SignatureAlgorithm.Sign(key, file));
        return signature;
    }

    private static ImmutableArray<string> CopyTrustedKeys(StagedRelease staged, ImmutableArray<string> trustedKeys)
    {
        if (trustedKeys.IsDefaultOrEmpty) return [];
        var directory = Path.Combine(staged.ReleaseDirectory, ReleaseLayout.TrustedKeysDir);
        Directory.CreateDirectory(directory);
        var written = ImmutableArray.CreateBuilder<string>();
        foreach (var source in trustedKeys)
        {
            if (!File.Exists(source)) throw new ReleaseException($"trusted_keys: {source} does not exist; list the .pub files `reltool keygen` writes");
            using (TrustedKey.Read(source)) { }
            var name = Path.GetFileName(source);
            if (!name.EndsWith(TrustFiles.PublicKeySuffix, StringComparison.Ordinal)) name += TrustFiles.PublicKeySuffix;
            var target = Path.Combine(directory, name);
            if (File.Exists(target)) throw new ReleaseException($"trusted_keys: two keys are named {name}; rename one");
            File.Copy(source, target);
            written.Add($"{TrustFiles.TrustedKeysPath(staged.Version)}/{name}");
        }
        return written.ToImmutable();
    }

    /// <summary>SHA-256 of each file of the release, including runtime folders packed from the output (grafts).</summary>
    private static Dictionary<string, string> HashTree(StagedRelease staged)
    {
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var relative in FileTree.RelativeFiles(staged.Root)) sources[relative] = Path.Combine(staged.Root, relative);
        foreach (var (archivePath, folder) in staged.Grafts)
            foreach (var relative in FileTree.RelativeFiles(folder)) sources[$"{archivePath}/{relative}"] = Path.Combine(folder, relative);
        string[] installState = [ReleaseLayout.ReleasesFilePath, ReleaseLayout.StartErlDataPath];
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (relative, full) in sources)
            if (!installState.Contains(relative)) hashes[relative] = ChecksumFile.Sha256Of(full);
        return hashes;
    }
}
