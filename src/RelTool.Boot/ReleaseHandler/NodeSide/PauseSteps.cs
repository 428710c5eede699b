using System.Diagnostics;
using System.Globalization;

namespace RelTool.Boot.ReleaseHandler.NodeSide;

/// <summary>How long each relup step took while servers were suspended: where an install's pause went.</summary>
internal sealed class PauseSteps
{
    private readonly List<(string Step, TimeSpan Took)> steps = [];

    public void Add(string step, long startedAt) => steps.Add((step, Stopwatch.GetElapsedTime(startedAt)));

    /// <summary>The report line (<c>steps: suspend 0.2 ms, load 0.1 ms, ...</c>); empties the list.</summary>
    public string Flush()
    {
        var line = "steps: " + string.Join(", ", steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step} {s.Took.TotalMilliseconds:0.000} ms")));
        steps.Clear();
        return line;
    }
}
