using System.Diagnostics;

namespace RelTool.IntegrationTests.StockApps;

/// <summary>What a client loop of the tests saw: its answers in order, the longest time between two, and its failed requests.</summary>
public sealed class AnswerLog
{
    private readonly List<string> failures = [];
    private readonly List<string> answers = [];
    private readonly Stopwatch sinceAnswer = new();
    private TimeSpan longestGap;
    private DateTime longestGapEnded;
    private long answered;

    public long Answered => Interlocked.Read(ref answered);

    public IReadOnlyList<string> Failures { get { lock (failures) return [.. failures]; } }

    /// <summary>The answers in order, runs of the same answer collapsed: "1.0.0", "1.0.1", …</summary>
    public IReadOnlyList<string> AnswerSequence { get { lock (answers) return [.. answers]; } }

    /// <summary>The longest time between two answers since the last <see cref="ResetLongestGap"/>.</summary>
    public TimeSpan LongestGap { get { lock (answers) return longestGap; } }

    /// <summary>When (UTC) the longest gap since the last <see cref="ResetLongestGap"/> ended: where in an install it fell.</summary>
    public DateTime LongestGapEnded { get { lock (answers) return longestGapEnded; } }

    public void ResetLongestGap()
    {
        lock (answers)
        {
            longestGap = TimeSpan.Zero;
            longestGapEnded = default;
        }
    }

    public void Record(string body)
    {
        lock (answers)
        {
            if (answers.Count == 0 || answers[^1] != body) answers.Add(body);
            if (sinceAnswer.IsRunning && sinceAnswer.Elapsed > longestGap)
            {
                longestGap = sinceAnswer.Elapsed;
                longestGapEnded = DateTime.UtcNow;
            }
            sinceAnswer.Restart();
        }
        Interlocked.Increment(ref answered);
    }

    public void Fail(string what)
    {
        lock (failures) failures.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");
    }

    /// <summary>The exception and its inner ones, outermost first: "HttpRequestException: … ← SocketException: …".</summary>
    public static string Describe(Exception e)
    {
        var chain = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) chain.Add($"{x.GetType().Name}: {x.Message}");
        return string.Join(" ← ", chain);
    }
}
