namespace RelTool.Formats.Archive;

/// <summary>Groups entries into segments so that what did not change between two releases compresses to the same
/// bytes and can come from the cache. The unit is a subtree two names deep (`runtime/shared`, `lib/Kv-0.2.0`,
/// `releases/0.2.0`, `bin/kv`); a unit of at least <see cref="LargeUnit"/> bytes is a segment of its own, smaller
/// neighbours share one so they still compress well. Boundaries depend only on the tree, never on the machine.</summary>
internal static class SegmentPlanner
{
    public const long LargeUnit = 256 << 10;

    public static List<ArchiveSegment> Plan(IReadOnlyList<SourceEntry> entries, long mtime)
    {
        var segments = new List<ArchiveSegment>();
        ArchiveSegment? current = null;
        foreach (var unit in Units(entries))
        {
            var unitLength = unit.Sum(e => e.Header.Length + PaddedSize(e.Entry));
            var large = unitLength >= LargeUnit;
            if (current is null || large || current.Length >= LargeUnit)
            {
                current = new ArchiveSegment(unit[0].Entry.RelativePath, cacheable: true);
                segments.Add(current);
            }
            foreach (var (entry, header) in unit) current.Add(header, entry);
        }
        var end = new ArchiveSegment("(end of archive)", cacheable: false);
        end.AddBytes(new byte[2 * TarHeader.BlockSize]);
        segments.Add(end);
        return segments;

        IEnumerable<List<(SourceEntry Entry, byte[] Header)>> Units(IReadOnlyList<SourceEntry> all)
        {
            List<(SourceEntry, byte[])>? unit = null;
            string? unitKey = null;
            foreach (var entry in all)
            {
                var key = UnitKey(entry.RelativePath);
                if (unit is null || key != unitKey)
                {
                    if (unit is not null) yield return unit;
                    unit = [];
                    unitKey = key;
                }
                unit.Add((entry, TarHeader.Build(entry, mtime)));
            }
            if (unit is not null) yield return unit;
        }
    }

    private static string UnitKey(string path)
    {
        var first = path.IndexOf('/');
        if (first < 0) return path;
        var second = path.IndexOf('/', first + 1);
        return second < 0 ? path : path[..second];
    }

    private static long PaddedSize(SourceEntry entry) =>
        entry.Kind == SourceEntryKind.File ? (entry.Size + TarHeader.BlockSize - 1) / TarHeader.BlockSize * TarHeader.BlockSize : 0;
}
