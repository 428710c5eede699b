using System.Collections.Immutable;

namespace RelTool.Core.Build;

/// <summary>Restore or publish failed; <see cref="Diagnostics"/> holds MSBuild's errors (and warnings) as it worded them.</summary>
public sealed class BuildFailedException(string step, ImmutableArray<BuildDiagnostic> diagnostics)
    : Exception($"{step} failed with {diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error)} error(s)")
{
    public string Step { get; } = step;
    public ImmutableArray<BuildDiagnostic> Diagnostics { get; } = diagnostics;
}
