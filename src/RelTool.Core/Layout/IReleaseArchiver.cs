namespace RelTool.Core.Layout;

/// <summary>Packs a release tree into a reproducible .tar.gz.</summary>
public interface IReleaseArchiver
{
    void Write(string sourceDirectory, string outputFile);
}
