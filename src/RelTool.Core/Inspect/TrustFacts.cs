using System.Collections.Immutable;

namespace RelTool.Core.Inspect;

/// <summary>
/// The trust files of the inspected release (docs/inspect.md, "Trust"): its SBOM, SHA256SUMS and signature.
/// Paths are relative to the release root; <see cref="ChecksumMismatches"/> is null when the contents were not
/// compared (a tarball: its files are not extracted).
/// </summary>
public sealed record TrustFacts(
    string? Sbom,
    int? SbomComponents,
    string? Checksums,
    int? ChecksumFiles,
    int? ChecksumMismatches,
    SignatureFacts Signature,
    ImmutableArray<string> TrustedKeys);

/// <summary>
/// The signature of the signed file (a tarball's &lt;tarball&gt;.sig beside it; a directory's releases/&lt;V&gt;/SHA256SUMS.sig).
/// <see cref="State"/>: unsigned, signed (not checked: no --key), valid (by <see cref="Key"/>) or invalid.
/// </summary>
public sealed record SignatureFacts(string SignedFile, string State, string? Key);
