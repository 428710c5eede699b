namespace RelTool.Core.Inspect;

/// <summary>A release tarball as read in one pass with the checks of ReleaseArchive.Verify.</summary>
/// <param name="Entries">Entries read: all of them when <paramref name="Verified"/>, else those before the problem.</param>
/// <param name="Error">Why verification failed (ArchiveException.Problem); null when verified.</param>
public sealed record TarballFacts(long Bytes, string Sha256, int Entries, bool Verified, string? Error);
