namespace RelTool.Core.Config;

/// <summary>Finds the project file to release: the given file, or the one *.csproj / *.fsproj in a folder.</summary>
public static class ProjectLocator
{
    private static readonly string[] Extensions = [".csproj", ".fsproj"];

    /// <summary>
    /// <paramref name="fileOrDirectory"/> is a project file or a folder holding exactly one; throws
    /// <see cref="ProjectNotFoundException"/> naming what it found otherwise.
    /// </summary>
    public static string Locate(string fileOrDirectory)
    {
        var full = Path.GetFullPath(fileOrDirectory);
        if (File.Exists(full))
        {
            if (!Extensions.Contains(Path.GetExtension(full), StringComparer.OrdinalIgnoreCase))
                throw new ProjectNotFoundException($"{full} is not a project file (*.csproj or *.fsproj)");
            return full;
        }
        if (!Directory.Exists(full)) throw new ProjectNotFoundException($"{full} does not exist");
        var projects = FindIn(full);
        return projects.Count switch
        {
            1 => projects[0],
            0 => throw new ProjectNotFoundException($"no *.csproj or *.fsproj in {full}; name the project to release"),
            _ => throw new ProjectNotFoundException(
                $"{projects.Count} projects in {full}; name the one to release:{Environment.NewLine}" +
                string.Join(Environment.NewLine, projects.Select(p => "  " + Path.GetFileName(p)))),
        };
    }

    public static IReadOnlyList<string> FindIn(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
}

/// <summary>No project where the user pointed, or more than one: the message says which and how to name one.</summary>
public sealed class ProjectNotFoundException(string message) : Formats.RelToolException(message);
