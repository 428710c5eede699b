using System.Collections.Immutable;
using RelTool.Formats;

namespace RelTool.Core.Build;

/// <summary>Restore or publish failed; <see cref="Diagnostics"/> holds MSBuild's errors (and warnings) as it worded them.</summary>
public sealed class BuildFailedException(string step, ImmutableArray<BuildDiagnostic> diagnostics)
    : RelToolException($"{step} failed with {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s)", fix: "nothing was written; fix the errors above and run again")
{
    public string Step { get; } = step;
    public ImmutableArray<BuildDiagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>MSBuild's errors, as it worded them, shown before the message.</summary>
    public override IEnumerable<string> Details => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
}
