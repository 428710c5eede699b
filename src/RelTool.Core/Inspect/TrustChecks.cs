using System.Collections.Immutable;
using System.Text.Json;
using RelTool.Formats.Trust;

namespace RelTool.Core.Inspect;

/// <summary>
/// `inspect`'s trust part: reads the SBOM and SHA256SUMS of the inspected release, compares a directory's files with
/// SHA256SUMS, and with `--key PUB` verifies the signature (a tarball's beside it, a directory's SHA256SUMS.sig).
/// Missing trust files are shown, not problems, unless --key asks for a signature.
/// </summary>
public static class TrustChecks
{
    /// <summary>How many checksum mismatches are listed one by one before the rest are counted.</summary>
    private const int ListedMismatches = 20;

    public static Inspection Add(Inspection inspection, ReleaseFiles files, string? keyPath)
    {
        if (inspection.Release is not { Name: { } name, Version: var version }) return inspection;
        var problems = new List<InspectProblem>();
        var directory = inspection.Kind == InputKind.Directory ? inspection.Input : null;

        var sbomPath = TrustFiles.SbomPath(name, version);
        int? components = null;
        if (files.Text(sbomPath) is { } sbom) components = SbomComponents(sbom, sbomPath, problems);

        var checksumsPath = TrustFiles.ChecksumsPath(version);
        int? listed = null, mismatched = null;
        if (files.Text(checksumsPath) is { } checksumsText)
        {
            try
            {
                var checksums = ChecksumFile.Parse(checksumsText, checksumsPath);
                listed = checksums.Files.Length;
                if (directory is not null)
                {
                    var mismatches = checksums.Mismatches(directory);
                    mismatched = mismatches.Length;
                    foreach (var path in mismatches.Take(ListedMismatches)) problems.Add(new InspectProblem(path, $"missing or changed: its SHA-256 differs from {checksumsPath}"));
                    if (mismatches.Length > ListedMismatches)
                        problems.Add(new InspectProblem(checksumsPath, $"{mismatches.Length - ListedMismatches} more file(s) missing or changed"));
                }
                else if (inspection.Kind == InputKind.Tarball && files.Complete)
                {
                    var absent = checksums.Files.Where(f => !files.HasFile(f.Path)).Select(f => f.Path).ToList();
                    foreach (var path in absent.Take(ListedMismatches)) problems.Add(new InspectProblem(path, $"listed in {checksumsPath} but not in the tarball"));
                }
            }
            catch (TrustException e)
            {
                problems.Add(new InspectProblem(checksumsPath, e.Message));
            }
        }

        var signed = directory is not null ? Path.Combine(directory, checksumsPath) : inspection.Input;
        var signedName = directory is not null ? checksumsPath : inspection.Input;
        var signature = Signature(signed, signedName, keyPath, problems);
        var keys = files.FilesIn(TrustFiles.TrustedKeysPath(version)).Select(k => $"{TrustFiles.TrustedKeysPath(version)}/{k}").ToImmutableArray();

        var facts = new TrustFacts(files.HasFile(sbomPath) == true ? sbomPath : null, components,
            files.HasFile(checksumsPath) == true ? checksumsPath : null, listed, mismatched, signature, keys);
        return inspection with { Trust = facts, Problems = [.. inspection.Problems, .. problems] };
    }

    private static SignatureFacts Signature(string signed, string signedName, string? keyPath, List<InspectProblem> problems)
    {
        if (keyPath is null)
            return new SignatureFacts(signedName, File.Exists(TrustFiles.SignaturePath(signed)) ? "signed" : "unsigned", null);
        if (!File.Exists(signed))
        {
            problems.Add(new InspectProblem(signedName, "missing, so there is nothing signed to verify with --key"));
            return new SignatureFacts(signedName, "unsigned", null);
        }
        using var key = TrustedKey.Read(keyPath);
        var verdict = SignatureCheck.Verify(signed, [key]);
        if (!verdict.IsValid)
            problems.Add(new InspectProblem(signedName, verdict.State == SignatureState.Unsigned
                ? $"not signed ({Path.GetFileName(verdict.SignatureFile)} is missing)"
                : $"{Path.GetFileName(verdict.SignatureFile)} is not a valid signature by {keyPath} ({key.Fingerprint}): altered after signing, or signed by another key"));
        return new SignatureFacts(signedName, verdict.State.ToString().ToLowerInvariant(), verdict.IsValid ? $"{keyPath} ({key.Fingerprint})" : null);
    }

    private static int? SbomComponents(string text, string path, List<InspectProblem> problems)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bomFormat", out var format) || format.GetString() != "CycloneDX")
            {
                problems.Add(new InspectProblem(path, "not a CycloneDX document (no \"bomFormat\": \"CycloneDX\")"));
                return null;
            }
            return root.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array ? components.GetArrayLength() : 0;
        }
        catch (JsonException e)
        {
            problems.Add(new InspectProblem(path, $"not valid JSON: {e.Message}"));
            return null;
        }
    }
}
