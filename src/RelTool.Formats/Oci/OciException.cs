namespace RelTool.Formats.Oci;

/// <summary>An OCI image (a base, or one being written) that cannot be read or used: names the file and the problem.</summary>
public sealed class OciException(string file, string problem, Exception? inner = null) : RelToolException(problem, file, inner: inner)
{
    public new string File => base.File!;
}
