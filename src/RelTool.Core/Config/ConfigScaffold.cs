using System.Collections.Immutable;

namespace RelTool.Core.Config;

/// <summary>`reltool init`: writes rel/config.yaml for a project from the scaffold template.</summary>
public static class ConfigScaffold
{
    /// <summary>Writes &lt;project dir&gt;/rel/config.yaml and returns its path; refuses to replace one unless <paramref name="force"/>.</summary>
    public static string Write(string projectPath, string templatePath, bool force)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var target = Path.Combine(projectDirectory, ReleaseConfig.RelativePath);
        if (File.Exists(target) && !force)
            throw new ConfigException(target, "exists", fix: "pass --force to replace it");
        var variables = ImmutableDictionary<string, string>.Empty
            .Add("rel_name", ReleaseNames.FromProject(projectPath))
            .Add("project", Path.GetFileName(projectPath));
        var text = TemplateText.RenderKnown(File.ReadAllText(templatePath), variables);
        // The scaffold must always be a valid configuration: check it before writing.
        ReleaseConfigReader.Parse(text, target, projectDirectory);
        Formats.AtomicFile.WriteAllText(target, text);
        return target;
    }
}
