using RelTool.Core.Config;

namespace RelTool.Core.Release;

/// <summary>Applies a release's overlays to the staged tree: copy, mkdir and template, destinations rendered with the release variables.</summary>
public static class OverlayWriter
{
    public static void Apply(IEnumerable<Overlay> overlays, string baseDirectory, string root, IReadOnlyDictionary<string, string> variables)
    {
        foreach (var overlay in overlays)
        {
            var where = overlay.Line > 0 ? $"overlay at line {overlay.Line}" : "overlay";
            var destination = Path.Combine(root, TemplateText.Render(overlay.Destination, variables, where));
            if (overlay.Kind == OverlayKind.Mkdir)
            {
                Directory.CreateDirectory(destination);
                continue;
            }
            var source = Path.GetFullPath(overlay.Source!, baseDirectory);
            if (File.Exists(destination)) throw new ReleaseException($"{where}: {overlay.Destination} is already in the release");
            if (overlay.Kind == OverlayKind.Template)
            {
                if (!File.Exists(source)) throw new ReleaseException($"{where}: template {source} does not exist");
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.WriteAllText(destination, TemplateText.Render(File.ReadAllText(source), variables, source));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
            }
            else if (Directory.Exists(source)) FileTree.CopyDirectory(source, destination);
            else if (File.Exists(source)) FileTree.CopyFile(source, destination);
            else throw new ReleaseException($"{where}: {source} does not exist");
        }
    }
}
