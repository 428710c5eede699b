using System.Security.Cryptography;
using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>Per source directory (or index name), the segment signatures of the last write and the content keys they had. Rewritten
/// whole (temp + rename) after each write, so it holds only the current tree's segments.</summary>
internal sealed class StatIndex
{
    private readonly string _path;
    private readonly Dictionary<string, string> _previous;
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);

    private StatIndex(string path, Dictionary<string, string> previous)
    {
        _path = path;
        _previous = previous;
    }

    public static StatIndex Open(string cacheDirectory, string name)
    {
        var file = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
        var path = Path.Combine(cacheDirectory, "index", file + ".txt");
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(' ');
                if (parts.Length == 2 && parts[0].Length == 64 && parts[1].Length == 64) previous[parts[0]] = parts[1];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return new StatIndex(path, previous);
    }

    public string? Find(string signature) => _previous.GetValueOrDefault(signature);

    public void Record(string signature, string key) => _current[signature] = key;

    public void Save()
    {
        var text = new StringBuilder();
        foreach (var (signature, key) in _current.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append(signature).Append(' ').Append(key).Append('\n');
        var temp = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.WriteAllText(temp, text.ToString());
            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Losing the index only means reading the files next time.
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
