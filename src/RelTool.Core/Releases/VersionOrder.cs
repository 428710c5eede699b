namespace RelTool.Core.Releases;

/// <summary>Orders version strings part by part: numeric parts as numbers, the others as text ("0.10.0" after "0.9.1").</summary>
public sealed class VersionOrder : IComparer<string>
{
    public static readonly VersionOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Split(x ?? "");
        var b = Split(y ?? "");
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var bothNumeric = long.TryParse(a[i], out var na) & long.TryParse(b[i], out var nb);
            var c = bothNumeric ? na.CompareTo(nb) : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static string[] Split(string version) => version.Split('.', '-', '+');
}
