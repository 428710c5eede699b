namespace RelTool.Formats.Archive;

/// <summary>Unpacks a release tarball on a target host. Everything is first written to a staging directory (inside
/// the destination, or beside it when the destination does not exist yet) and moved into place only after the whole
/// tarball has been read and checked, so a damaged or malicious tarball leaves the destination untouched.</summary>
internal static class ArchiveExtractor
{
    /// <summary>Names the staging folders: a run that was killed leaves one, which a later extraction removes.</summary>
    public const string StagingPrefix = ".reltool-unpack-";

    private sealed record Planned(ArchiveEntryInfo Info, bool Skip);

    public static ExtractResult Extract(string tarball, string destination, ExtractOptions options)
    {
        var root = Path.GetFullPath(destination);
        var prefixes = options.OnlyUnder.Select(p => SafeEntryPath.Normalize(tarball, p)).ToList();
        var whole = options.WholeDirectories.Select(p => SafeEntryPath.Normalize(tarball, p)).ToList();
        var rootExists = Directory.Exists(root);
        if (!rootExists && File.Exists(root)) throw new ArchiveException(root, "exists and is not a directory");
        var parent = Path.GetDirectoryName(root)!;
        if (rootExists) StaleFiles.RemoveLeftovers(root, StagingPrefix);
        var staging = rootExists
            ? Path.Combine(root, StaleFiles.NameFor(StagingPrefix))
            : Path.Combine(parent, $".{Path.GetFileName(root)}{StaleFiles.NameFor(StagingPrefix)}");
        try
        {
            Directory.CreateDirectory(staging);
            var (planned, filteredOut) = Stage(tarball, staging, root, rootExists, prefixes, whole, options.SkipIdentical);
            var directories = planned.Where(p => p.Info.Kind == ArchiveEntryKind.Directory).Select(p => p.Info).ToList();
            if (rootExists) MoveIntoPlace(planned, staging, root, whole);
            else
            {
                ApplyDirectoryModes(staging, directories);
                Directory.Move(staging, root);
            }
            if (rootExists) ApplyDirectoryModes(root, directories);
            var written = 0;
            var bytes = 0L;
            foreach (var p in planned)
            {
                if (p.Skip) continue;
                written++;
                bytes += p.Info.Size;
            }
            return new ExtractResult(root, written, planned.Count - written, filteredOut, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchiveException(root, "cannot extract here: " + e.Message, e);
        }
        finally
        {
            if (Directory.Exists(staging)) DeleteStaging(staging);
        }
    }

    private static (List<Planned> Planned, int FilteredOut) Stage(string tarball, string staging, string root, bool rootExists,
        List<string> prefixes, List<string> whole, bool skipIdentical)
    {
        // A path the tarball holds twice is planned where it came first, as its last entry. Plans by path rather than
        // list positions by path: a dictionary of ints is JIT-compiled in every command that extracts.
        var order = new List<string>();
        var plans = new Dictionary<string, Planned>(StringComparer.Ordinal);
        var filteredOut = 0;
        using var reader = new CheckedTarReader(tarball);
        while (reader.Next() is (var info, var entry))
        {
            if (prefixes.Count > 0 && !prefixes.Any(p => SafeEntryPath.IsUnder(info.Path, p)))
            {
                filteredOut++;
                continue;
            }
            if (info.Kind != ArchiveEntryKind.Directory && whole.Contains(info.Path))
                throw new ArchiveException(tarball, $"'{info.Path}' must be a directory, but is a {info.Kind.ToString().ToLowerInvariant()}");
            var staged = Path.Combine(staging, info.Path);
            var existing = Path.Combine(root, info.Path);
            var skip = false;
            // What moves whole must be whole in staging: nothing in it is compared with what it replaces.
            var identicalMaySkip = skipIdentical && !whole.Any(w => SafeEntryPath.IsUnder(info.Path, w));
            switch (info.Kind)
            {
                case ArchiveEntryKind.Directory:
                    Directory.CreateDirectory(staged);
                    skip = rootExists && Directory.Exists(existing);
                    break;
                case ArchiveEntryKind.File:
                    PrepareParent(staged);
                    using (var output = new FileStream(staged, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                        reader.CopyData(entry, output);
                    SetMode(staged, info.Mode);
                    skip = identicalMaySkip && rootExists && SameFile(existing, staged);
                    break;
                case ArchiveEntryKind.SymbolicLink:
                    PrepareParent(staged);
                    File.CreateSymbolicLink(staged, info.LinkTarget!);
                    skip = identicalMaySkip && rootExists && new FileInfo(existing).LinkTarget == info.LinkTarget;
                    break;
                case ArchiveEntryKind.HardLink:
                    PrepareParent(staged);
                    var source = Path.Combine(staging, info.LinkTarget!);
                    if (!File.Exists(source)) source = Path.Combine(root, info.LinkTarget!);
                    if (!plans.ContainsKey(info.LinkTarget!) || !File.Exists(source))
                        throw new ArchiveException(tarball, $"hard link '{info.Path}' points to '{info.LinkTarget}', which is not extracted");
                    File.Copy(source, staged, overwrite: true);
                    skip = identicalMaySkip && rootExists && SameFile(existing, staged);
                    break;
            }
            if (skip && info.Kind != ArchiveEntryKind.Directory) File.Delete(staged);
            if (!plans.ContainsKey(info.Path)) order.Add(info.Path);
            plans[info.Path] = new Planned(info, skip);
        }
        var planned = new List<Planned>(order.Count);
        foreach (var path in order) planned.Add(plans[path]);
        return (planned, filteredOut);
    }

    /// <summary>Directories named only implicitly by a file's path are created; a link or file left there by an earlier duplicate entry is replaced.</summary>
    private static void PrepareParent(string staged)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
        if (File.Exists(staged) || new FileInfo(staged).LinkTarget is not null) File.Delete(staged);
    }

    private static void MoveIntoPlace(List<Planned> planned, string staging, string root, List<string> whole)
    {
        foreach (var directory in whole.Where(w => Directory.Exists(Path.Combine(staging, w))))
        {
            var target = Path.Combine(root, directory);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (new FileInfo(target).LinkTarget is not null || File.Exists(target)) throw new ArchiveException(target, "exists and is not a directory");
            // One that is there already (left by a killed run, or not trusted by the caller) is replaced; the staging
            // folder, removed below, takes it.
            if (Directory.Exists(target)) Directory.Move(target, Path.Combine(staging, StaleFiles.NameFor(".replaced-")));
            Directory.Move(Path.Combine(staging, directory), target);
            FaultPoint.Hit("extract:directory-moved");
        }
        foreach (var (info, skip) in planned)
        {
            if (skip || whole.Any(w => SafeEntryPath.IsUnder(info.Path, w))) continue;
            var target = Path.Combine(root, info.Path);
            if (info.Kind == ArchiveEntryKind.Directory)
            {
                if (File.Exists(target) || new FileInfo(target).LinkTarget is not null && !Directory.Exists(target))
                    throw new ArchiveException(target, "exists and is not a directory");
                Directory.CreateDirectory(target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Directory.Exists(target) && new DirectoryInfo(target).LinkTarget is null)
                throw new ArchiveException(target, "exists and is a directory");
            File.Move(Path.Combine(staging, info.Path), target, overwrite: true);
            FaultPoint.Hit("extract:file-moved");
        }
    }

    private static void ApplyDirectoryModes(string root, List<ArchiveEntryInfo> directories)
    {
        // Deepest first: a directory's mode (perhaps without write) is set after its children's. A sort by a
        // comparison, not OrderBy by int keys, whose code is JIT-compiled in every command that extracts.
        var deepestFirst = directories.ToArray();
        Array.Sort(deepestFirst, (a, b) => SafeEntryPath.Depth(b.Path).CompareTo(SafeEntryPath.Depth(a.Path)));
        foreach (var directory in deepestFirst)
            SetMode(Path.Combine(root, directory.Path), directory.Mode);
    }

    private static void SetMode(string path, int mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)(mode & 0b111_111_111));
    }

    private static bool SameFile(string existing, string staged)
    {
        var current = new FileInfo(existing);
        var candidate = new FileInfo(staged);
        if (!current.Exists || current.LinkTarget is not null || current.Length != candidate.Length) return false;
        if (!OperatingSystem.IsWindows() && current.UnixFileMode != candidate.UnixFileMode) return false;
        using var a = File.OpenRead(existing);
        using var b = File.OpenRead(staged);
        var bufferA = new byte[1 << 16];
        var bufferB = new byte[1 << 16];
        while (true)
        {
            var readA = a.ReadAtLeast(bufferA, bufferA.Length, throwOnEndOfStream: false);
            var readB = b.ReadAtLeast(bufferB, bufferB.Length, throwOnEndOfStream: false);
            if (readA != readB || !bufferA.AsSpan(0, readA).SequenceEqual(bufferB.AsSpan(0, readB))) return false;
            if (readA == 0) return true;
        }
    }

    private static void DeleteStaging(string staging)
    {
        try
        {
            if (!OperatingSystem.IsWindows())
                foreach (var directory in Directory.EnumerateDirectories(staging, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
                    if (new DirectoryInfo(directory).LinkTarget is null)
                        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(staging, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
