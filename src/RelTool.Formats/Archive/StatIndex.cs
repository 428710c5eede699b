using System.Security.Cryptography;
using System.Text;

namespace RelTool.Formats.Archive;

/// <summary>Per source directory (or index name), the segment signatures of the last write and the content keys they had. Rewritten
/// whole (temp + rename) after each write, so it holds only the current tree's segments.</summary>
internal sealed class StatIndex
{
    private readonly string path;
    private readonly Dictionary<string, string> previous;
    private readonly Dictionary<string, string> current = new(StringComparer.Ordinal);

    private StatIndex(string path, Dictionary<string, string> previous)
    {
        this.path = path;
        this.previous = previous;
    }

    public static StatIndex Open(string cacheDirectory, string name)
    {
        var file = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
        var path = Path.Combine(cacheDirectory, "index", file + ".txt");
        var previous = CacheRecordFile.Read(path, contentKey => contentKey.Length == 64);
        return new StatIndex(path, previous);
    }

    public string? Find(string signature) => previous.GetValueOrDefault(signature);

    public void Record(string signature, string key) => current[signature] = key;

    /// <summary>Losing the index only means reading the files next time.</summary>
    public void Save() => CacheRecordFile.TryWrite(path, current);
}
