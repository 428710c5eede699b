using RelTool.Formats.Manifests;

namespace RelTool.Formats.Layout;

/// <summary>
/// releases/start_erl.data: "&lt;runtime vsn&gt; &lt;release vsn&gt;", written with no trailing newline as
/// release_handler does; read with or without one (the Debian installer writes one).
/// </summary>
public sealed record StartErlData(string RuntimeVersion, string ReleaseVersion)
{
    public string Format()
    {
        foreach (var v in new[] { RuntimeVersion, ReleaseVersion })
            if (v.Length == 0 || v.Any(char.IsWhiteSpace)) throw new ArgumentException($"a version in {ReleaseLayout.StartErlDataFileName} must be non-empty and without spaces: \"{v}\"");
        return $"{RuntimeVersion} {ReleaseVersion}";
    }

    public void Write(string path) => AtomicFile.WriteAllText(path, Format());

    /// <summary>The file at <paramref name="path"/>; a missing or malformed one is a <see cref="ManifestException"/> naming it.</summary>
    public static StartErlData Read(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : throw new ManifestException(path, "missing; is this a release root?");

    public static StartErlData Parse(string text, string fileName)
    {
        // Any white space (a null separator list): with four separator characters the split takes a vectorised search
        // whose code is JIT-compiled in every launcher process (each reads this file).
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2)
            throw new ManifestException(fileName, $"expected \"<runtime vsn> <release vsn>\", found {fields.Length} field(s) in \"{Truncate(text)}\"");
        return new StartErlData(fields[0], fields[1]);
    }

    private static string Truncate(string s) => s.Length <= 60 ? s.ReplaceLineEndings("\\n") : s[..57].ReplaceLineEndings("\\n") + "...";
}
