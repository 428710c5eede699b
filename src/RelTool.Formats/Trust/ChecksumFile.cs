using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace RelTool.Formats.Trust;

/// <summary>One line of SHA256SUMS: a file ('/'-separated, relative to the release root) and its SHA-256 in hex.</summary>
public sealed record FileChecksum(string Path, string Sha256);

/// <summary>
/// releases/&lt;Vsn&gt;/SHA256SUMS in GNU sha256sum's format, so `sha256sum -c releases/&lt;Vsn&gt;/SHA256SUMS` run in the
/// release root checks it: "HASH  PATH" per line in ordinal path order; a path holding a backslash or newline is
/// escaped and its line starts with a backslash, as sha256sum does.
/// </summary>
public sealed record ChecksumFile(ImmutableArray<FileChecksum> Files)
{
    public string Format()
    {
        var text = new StringBuilder();
        foreach (var file in Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var escaped = file.Path.Contains('\\') || file.Path.Contains('\n');
            if (escaped) text.Append('\\');
            text.Append(file.Sha256).Append("  ")
                .Append(escaped ? file.Path.Replace("\\", "\\\\").Replace("\n", "\\n") : file.Path).Append('\n');
        }
        return text.ToString();
    }

    public static ChecksumFile Read(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <param name="path">Named in errors.</param>
    public static ChecksumFile Parse(string text, string path)
    {
        var files = ImmutableArray.CreateBuilder<FileChecksum>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            if (raw.Length == 0) continue;
            var escaped = raw[0] == '\\';
            var line = escaped ? raw[1..] : raw;
            if (line.Length < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || !line[..64].All(Uri.IsHexDigit))
                throw new TrustException($"{path}:{number}: not a sha256sum line (HASH, two spaces, PATH)");
            var file = line[66..];
            if (escaped) file = Unescape(file);
            files.Add(new FileChecksum(file, line[..64].ToLowerInvariant()));
        }
        return new ChecksumFile(files.ToImmutable());
    }

    /// <summary>The files under <paramref name="root"/> whose content differs from the list, or that are missing, in list order.</summary>
    public ImmutableArray<string> Mismatches(string root) =>
        [.. Files.Where(f =>
        {
            var full = System.IO.Path.Combine(root, f.Path);
            return !File.Exists(full) || Sha256Of(full) != f.Sha256;
        }).Select(f => f.Path)];

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Unescape(string path)
    {
        var text = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length)
            {
                text.Append(path[++i] == 'n' ? '\n' : path[i]);
                continue;
            }
            text.Append(path[i]);
        }
        return text.ToString();
    }
}
