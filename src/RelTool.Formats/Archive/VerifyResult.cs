namespace RelTool.Formats.Archive;

/// <summary>A tarball that decompressed completely, parsed as tar, and whose every entry is safe to extract.</summary>
public sealed record VerifyResult(string File, int Entries, long TarBytes, long FileBytes);
