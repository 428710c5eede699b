namespace RelTool.Formats.Archive;

/// <summary>What an extraction did.</summary>
/// <param name="Written">entries created or replaced in the destination</param>
/// <param name="SkippedIdentical">files already present with the same bytes and mode</param>
/// <param name="FilteredOut">entries outside <see cref="ExtractOptions.OnlyUnder"/></param>
public sealed record ExtractResult(string Destination, int Written, int SkippedIdentical, int FilteredOut, long Bytes);
