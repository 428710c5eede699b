namespace RelTool.Formats.Oci;

/// <summary>An OCI image (a base, or one being written) that cannot be read or used: names the file and the problem.</summary>
public sealed class OciException(string file, string problem, Exception? inner = null) : Exception($"{file}: {problem}", inner)
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
