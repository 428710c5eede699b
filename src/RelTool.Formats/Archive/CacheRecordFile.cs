using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>The cache's small "KEY VALUE" line files (stat indexes, trusted segment identities): read leniently,
/// replaced whole by temp + rename. Losing one only costs speed, so neither reading nor writing ever fails.</summary>
internal static class CacheRecordFile
{
    /// <summary>The pairs whose key is 64 characters and whose value passes <paramref name="validValue"/>; empty when unreadable.</summary>
    public static Dictionary<string, string> Read(string path, Func<string, bool> validValue)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.Split(' ') is [{ Length: 64 } key, var value] && validValue(value)) records[key] = value;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return records;
    }

    /// <summary>Replaces the file with the pairs, sorted by key; does nothing when it cannot.</summary>
    public static void TryWrite(string path, IEnumerable<KeyValuePair<string, string>> records)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in records.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append(key).Append(' ').Append(value).Append('\n');
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
