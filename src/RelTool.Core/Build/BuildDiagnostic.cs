namespace RelTool.Core.Build;

public enum DiagnosticSeverity { Warning, Error }

/// <summary>An MSBuild error or warning, kept in MSBuild's own words and shape.</summary>
public sealed record BuildDiagnostic(
    DiagnosticSeverity Severity, string? File, int Line, int Column, string? Code, string Message, string? ProjectFile)
{
    /// <summary>As MSBuild prints it: `file(line,col): error CS1002: message [project]`.</summary>
    public override string ToString()
    {
        var origin = string.IsNullOrEmpty(File) ? "MSBuild" : Line > 0 ? $"{File}({Line},{Column})" : File;
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var code = string.IsNullOrEmpty(Code) ? "" : " " + Code;
        var project = string.IsNullOrEmpty(ProjectFile) || ProjectFile == File ? "" : $" [{ProjectFile}]";
        return $"{origin}: {severity}{code}: {Message}{project}";
    }
}
