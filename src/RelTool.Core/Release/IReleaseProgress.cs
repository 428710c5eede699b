using RelTool.Core.Build;

namespace RelTool.Core.Release;

/// <summary>How a release build tells what it is doing; Core never writes to the console itself.</summary>
public interface IReleaseProgress
{
    /// <summary>A step has started ("publishing Kv.csproj", "packing kv.tar.gz").</summary>
    void Step(string description);

    /// <summary>An MSBuild warning or error, as MSBuild worded it.</summary>
    void Diagnostic(BuildDiagnostic diagnostic);

    public static readonly IReleaseProgress None = new NoProgress();

    private sealed class NoProgress : IReleaseProgress
    {
        public void Step(string description) { }
        public void Diagnostic(BuildDiagnostic diagnostic) { }
    }
}
