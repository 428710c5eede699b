using System.Text;

namespace RelTool.Tests.Golden;

/// <summary>A short line-by-line account of how two texts differ, for assertion messages.</summary>
public static class TextDiff
{
    public static string Describe(string expected, string actual, int maxLines = 20)
    {
        if (expected == actual) return "(identical)";
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < maxLines; i++)
        {
            var el = i < e.Length ? e[i] : null;
            var al = i < a.Length ? a[i] : null;
            if (el == al) continue;
            shown++;
            sb.Append($"line {i + 1}:\n");
            sb.Append(el is null ? "  - (no line)\n" : $"  - {Visible(el)}\n");
            sb.Append(al is null ? "  + (no line)\n" : $"  + {Visible(al)}\n");
        }
        if (shown == 0) sb.Append("texts differ only in line endings or a trailing newline\n");
        return sb.ToString();
    }

    private static string Visible(string line) => line.Replace("\r", "\\r").Replace("\t", "\\t");
}
