using RelTool.Formats;

namespace RelTool.Core.Inspect;

/// <summary>What every check needs: the files read, the kind of input, and the problems found so far (in the order found).</summary>
internal sealed class InspectContext(ReleaseFiles files, InputKind kind)
{
    private readonly List<InspectProblem> problems = [];

    public ReleaseFiles Files { get; } = files;
    public InputKind Kind { get; } = kind;
    public IReadOnlyList<InspectProblem> Problems => problems;

    /// <summary>Absence proves something only when everything was read.</summary>
    public bool AbsenceIsKnown => Files.Complete;

    /// <summary>An upgrade tarball leaves out the lib dirs and runtime the target already has.</summary>
    public bool InstalledPartsMayBeAbsent => Kind == InputKind.UpgradeTarball;

    public void Problem(string file, string message) => problems.Add(new InspectProblem(file, message));

    /// <summary>The text of a manifest; null, and a problem, when it is missing (if <paramref name="absenceIsProblem"/>) or was not read.</summary>
    public string? Text(string path, string whyNeeded, bool absenceIsProblem = true)
    {
        if (Files.Text(path) is { } text) return text;
        if (Files.Files.TryGetValue(path, out var size))
            Problem(path, size > ManifestPaths.MaxBytes ? $"larger than {ManifestPaths.MaxBytes / (1024 * 1024)} MiB; not read" : "cannot be read (a broken link?)");
        else if (absenceIsProblem && AbsenceIsKnown) Problem(path, "missing; " + whyNeeded);
        return null;
    }

    /// <summary>Parses a manifest; a broken one is a problem (with its line and column when known), and null.</summary>
    public T? Parse<T>(string path, Func<T> parse) where T : class
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or FileProblemException)
        {
            Problem(path, e switch
            {
                FileProblemException { Line: { } line } f => $"line {line}, column {f.Column ?? 1}: {f.Problem}",
                FileProblemException f => f.Problem,
                _ => e.Message,
            });
            return null;
        }
    }
}
