namespace RelTool.Formats.Archive;

/// <summary>How <see cref="ReleaseArchive.Extract"/> unpacks.</summary>
public sealed record ExtractOptions
{
    /// <summary>Relative paths (`lib/Kv-0.2.0`, `releases/0.2.0`); when not empty only entries at or below one of
    /// them are written. Every entry is still read and checked.</summary>
    public IReadOnlyList<string> OnlyUnder { get; init; } = [];

    /// <summary>Relative paths of directories (`lib/Kv-0.2.0`) that are moved into place whole, each with one rename,
    /// replacing a directory of that name: a kill leaves either none or all of it. Entries below them are never skipped.</summary>
    public IReadOnlyList<string> WholeDirectories { get; init; } = [];

    /// <summary>Leave a file alone when the destination already has it with the same bytes and mode.</summary>
    public bool SkipIdentical { get; init; }
}
