namespace RelTool.Runtime.Hosting;

/// <summary>
/// The outcome of changing the code of every server of one assembly. <see cref="Pause"/> runs from the
/// suspend request to the last resume: the longest time any request waited because of the change.
/// </summary>
public sealed record CodeChangeReport(string Assembly, OldVsn OldVsn, IReadOnlyList<ServerCodeChange> Servers, TimeSpan Pause)
{
    public bool Succeeded => Servers.All(s => s.Succeeded);

    public IEnumerable<ServerCodeChange> Failures => Servers.Where(s => !s.Succeeded);
}
