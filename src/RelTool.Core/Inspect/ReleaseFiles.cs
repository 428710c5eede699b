using System.Collections.Immutable;
using RelTool.Formats.Layout;

namespace RelTool.Core.Inspect;

/// <summary>
/// What was read of a release tree, a directory or a tarball alike: every file with its size, every directory, and the
/// text of the manifests (<see cref="ManifestPaths"/>). Paths are relative to the release root and use '/'.
/// </summary>
/// <param name="Complete">false when reading stopped early (a damaged tarball): what is absent here may still be in the release.</param>
public sealed record ReleaseFiles(
    ImmutableSortedDictionary<string, long> Files,
    ImmutableSortedSet<string> Directories,
    ImmutableSortedDictionary<string, string> Texts,
    bool Complete)
{
    public static ReleaseFiles Empty { get; } = new(
        ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal), ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal), true);

    /// <summary>What the headers of the executables, libraries and assemblies under runtime/ and lib/ say they run on.</summary>
    public ImmutableSortedDictionary<string, Targets.NativeBinary> Binaries { get; init; } = ImmutableSortedDictionary.Create<string, Targets.NativeBinary>(StringComparer.Ordinal);

    /// <summary>Files whose header <see cref="ReleaseFilesReader"/> reads: the runtime's and the applications'.</summary>
    public static bool MayBeBinary(string path) => path.StartsWith(ReleaseLayout.RuntimeDir + "/", StringComparison.Ordinal) || path.StartsWith(ReleaseLayout.LibDir + "/", StringComparison.Ordinal);

    public bool HasFile(string path) => Files.ContainsKey(path);

    public bool HasDirectory(string path) => Directories.Contains(path);

    public string? Text(string path) => Texts.GetValueOrDefault(path);

    /// <summary>Names of the directories directly inside <paramref name="directory"/>, in ordinal order.</summary>
    public ImmutableArray<string> Subdirectories(string directory) => Children(Directories, directory);

    /// <summary>Names of the files directly inside <paramref name="directory"/>, in ordinal order.</summary>
    public ImmutableArray<string> FilesIn(string directory) => Children(Files.Keys, directory);

    /// <summary>How many files lie at any depth below <paramref name="directory"/> and their total size.</summary>
    public (int Files, long Bytes) Measure(string directory)
    {
        var prefix = directory + "/";
        var files = 0;
        var bytes = 0L;
        foreach (var (path, size) in Files)
            if (path.StartsWith(prefix, StringComparison.Ordinal))
            {
                files++;
                bytes += size;
            }
        return (files, bytes);
    }

    private static ImmutableArray<string> Children(IEnumerable<string> paths, string directory)
    {
        var prefix = directory + "/";
        return paths.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('/', prefix.Length) < 0)
            .Select(p => p[prefix.Length..]).Order(StringComparer.Ordinal).ToImmutableArray();
    }

    /// <summary>Collects paths into a <see cref="ReleaseFiles"/>; the directories of every path are added too.</summary>
    public sealed class Builder
    {
        private readonly ImmutableSortedDictionary<string, long>.Builder files = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        private readonly ImmutableSortedSet<string>.Builder directories = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        private readonly ImmutableSortedDictionary<string, string>.Builder texts = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        private readonly ImmutableSortedDictionary<string, Targets.NativeBinary>.Builder binaries = ImmutableSortedDictionary.CreateBuilder<string, Targets.NativeBinary>(StringComparer.Ordinal);

        public void AddBinary(string path, Targets.NativeBinary? binary)
        {
            if (binary is not null) binaries[path] = binary;
        }

        public void AddFile(string path, long size, string? text = null)
        {
            files[path] = size;
            if (text is not null) texts[path] = text;
            AddParents(path);
        }

        public void AddDirectory(string path)
        {
            directories.Add(path);
            AddParents(path);
        }

        public ReleaseFiles Build(bool complete) =>
            new(files.ToImmutable(), directories.ToImmutable(), texts.ToImmutable(), complete) { Binaries = binaries.ToImmutable() };

        private void AddParents(string path)
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
                if (!directories.Add(path[..slash])) return;
        }
    }
}
