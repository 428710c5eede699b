using System.Collections.Immutable;
using Microsoft.Build.Framework;

namespace RelTool.Core.Build;

/// <summary>Collects MSBuild's errors and warnings, and names each project as it starts building.</summary>
internal sealed class DiagnosticsLogger(Action<string>? progress) : ILogger
{
    private readonly Lock gate = new();
    private ImmutableArray<BuildDiagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<BuildDiagnostic>();

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Minimal;
    public string? Parameters { get; set; }

    public ImmutableArray<BuildDiagnostic> Diagnostics
    {
        get { lock (gate) return diagnostics.ToImmutable(); }
    }

    public void Initialize(IEventSource eventSource)
    {
        eventSource.ErrorRaised += (_, e) => Add(new BuildDiagnostic(DiagnosticSeverity.Error, e.File, e.LineNumber, e.ColumnNumber, e.Code, e.Message ?? "", e.ProjectFile));
        eventSource.WarningRaised += (_, e) => Add(new BuildDiagnostic(DiagnosticSeverity.Warning, e.File, e.LineNumber, e.ColumnNumber, e.Code, e.Message ?? "", e.ProjectFile));
        eventSource.TargetStarted += (_, e) =>
        {
            if (e.TargetName == "CoreCompile") progress?.Invoke($"compiling {Path.GetFileName(e.ProjectFile)}");
        };
    }

    public void Shutdown() { }

    private void Add(BuildDiagnostic diagnostic)
    {
        lock (gate)
            if (!diagnostics.Contains(diagnostic)) diagnostics.Add(diagnostic);
    }
}
