using System.Security.Cryptography;
using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>Identifies a segment by its headers and its files' <see cref="UnixStat.Identity"/> instead of their bytes,
/// so an unchanged segment is recognised without reading it. Like git's index it refuses "racy" files, changed within
/// <see cref="RacyWindow"/> of the scan: a later write in the same timestamp tick could leave their stat unchanged.</summary>
internal static class SegmentSignature
{
    public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    /// <summary>Null when some file has no stat or changed too recently to be trusted.</summary>
    public static string? Compute(ArchiveSegment segment, string settings, DateTimeOffset scanStarted)
    {
        var trustedBefore = (scanStarted - RacyWindow).ToUnixTimeMilliseconds() * 1_000_000;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(settings));
        foreach (var (entry, header) in segment.Entries)
        {
            hash.AppendData(header);
            if (entry.Kind != SourceEntryKind.File) continue;
            if (entry.Stat is not { } stat || stat.ChangedUnixNanoseconds >= trustedBefore) return null;
            hash.AppendData(Encoding.UTF8.GetBytes(stat.Identity + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
