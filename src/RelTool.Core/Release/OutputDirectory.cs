namespace RelTool.Core.Release;

/// <summary>
/// Creates the output folder (checking that it can be written before anything is built) and, when this run
/// created it, removes it again if the run fails, so a failed first release leaves nothing behind.
/// </summary>
public sealed class OutputDirectory
{
    private readonly string? firstCreated;

    private OutputDirectory(string path, string? firstCreated)
    {
        Path = path;
        this.firstCreated = firstCreated;
    }

    public string Path { get; }

    public static OutputDirectory Prepare(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var firstMissing = FirstMissingAncestor(full);
        try
        {
            Directory.CreateDirectory(full);
            var probe = System.IO.Path.Combine(full, $".reltool-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReleaseException($"cannot write the release to {full}: {e.Message}", e);
        }
        return new OutputDirectory(full, firstMissing);
    }

    /// <summary>Removes the folders this run created, if they hold nothing.</summary>
    public void RemoveIfCreatedAndEmpty()
    {
        if (firstCreated is null) return;
        for (var dir = Path; dir.Length >= firstCreated.Length; dir = System.IO.Path.GetDirectoryName(dir)!)
        {
            try
            {
                if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) return;
                Directory.Delete(dir);
            }
            catch (IOException) { return; }
            if (dir == firstCreated) return;
        }
    }

    private static string? FirstMissingAncestor(string path)
    {
        string? missing = null;
        for (var dir = path; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir) || File.Exists(dir)) return missing;
            missing = dir;
        }
        return missing;
    }
}
