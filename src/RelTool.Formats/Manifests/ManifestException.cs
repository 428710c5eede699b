namespace RelTool.Formats.Manifests;

/// <summary>A manifest that parses as terms but breaks a rule of its format. Names the file and, where known, the position.</summary>
public sealed class ManifestException(string file, string problem, int? line = null, int? column = null)
    : FileProblemException(file, problem, line, column)
{
    public new string File => base.File!;
}
