namespace RelTool.Core.Layout;

/// <summary>A shared framework version (10.0.12, 10.0.0-rc.2.25502.107) ordered as the host orders them.</summary>
public sealed record FrameworkVersion(int Major, int Minor, int Patch, string Prerelease, string Text) : IComparable<FrameworkVersion>
{
    public bool IsPrerelease => Prerelease.Length > 0;

    public static FrameworkVersion Parse(string text) => TryParse(text) ?? throw new FormatException($"'{text}' is not a framework version");

    public static FrameworkVersion? TryParse(string text)
    {
        var dash = text.IndexOf('-');
        var core = dash < 0 ? text : text[..dash];
        var parts = core.Split('.');
        if (parts.Length != 3 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor) || !int.TryParse(parts[2], out var patch))
            return null;
        return new FrameworkVersion(major, minor, patch, dash < 0 ? "" : text[(dash + 1)..], text);
    }

    public int CompareTo(FrameworkVersion? other)
    {
        if (other is null) return 1;
        var c = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (c != 0) return c;
        if (IsPrerelease != other.IsPrerelease) return IsPrerelease ? -1 : 1;
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    private static int ComparePrerelease(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var xNumeric = int.TryParse(x[i], out var xi);
            var yNumeric = int.TryParse(y[i], out var yi);
            var c = xNumeric && yNumeric ? xi.CompareTo(yi)
                : xNumeric ? -1 : yNumeric ? 1 : string.CompareOrdinal(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    }
}
