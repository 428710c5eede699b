using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using RelTool.Formats.Layout;

namespace RelTool.Core.Layout;

/// <summary>
/// releases/&lt;Vsn&gt;/start.deps.json: the assembly list of a node whose app is the entry program
/// (<see cref="HostArgs.FormatNode"/>). Each application, the launcher's too, is one library of type "package" whose
/// path is its lib/ folder name, so the host finds its files under the probing path lib/ — a "project" library would
/// be looked for beside the deps file. Assemblies carry their assembly and file versions, which the host compares when
/// the app and a shared framework both have one, as it does for the app's own deps.json under `dotnet app.dll`.
/// </summary>
public static class StartDepsFile
{
    /// <summary>The file's text; null when the host cannot take the release as one list, so the launcher must load it:
    /// two applications with the same assembly (name and culture), or an assembly whose file is not named after it.</summary>
    /// <param name="root">The staged release root, whose lib/ holds the applications' files (read for their versions).</param>
    public static string? Format(string root, string runtimeVersion, string? runtimeIdentifier, IReadOnlyList<PackagedApplication> applications)
    {
        var seen = new HashSet<(string, string)>();
        foreach (var application in applications)
            foreach (var file in application.Files.Where(f => f.Role is FileRole.Assembly or FileRole.Resource))
            {
                var fileName = Path.GetFileNameWithoutExtension(file.RelativePath);
                if (file.AssemblyName is null || !string.Equals(fileName, file.AssemblyName, StringComparison.OrdinalIgnoreCase)) return null;
                var culture = file.Role == FileRole.Resource ? file.Culture ?? "" : "";
                if (!seen.Add((file.AssemblyName.ToLowerInvariant(), culture.ToLowerInvariant()))) return null;
            }

        var target = TargetName(runtimeVersion, runtimeIdentifier);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("runtimeTarget");
            json.WriteString("name", target);
            json.WriteString("signature", "");
            json.WriteEndObject();
            json.WriteStartObject("targets");
            json.WriteStartObject(target);
            foreach (var application in applications)
            {
                json.WriteStartObject(LibraryName(application));
                WriteAssets(json, "runtime", application.Files.Where(f => f.Role == FileRole.Assembly), file =>
                {
                    var path = Path.Combine(root, application.LibDirectory, file.RelativePath);
                    if (Version(path) is { } version) json.WriteString("assemblyVersion", version);
                    if (FileVersion(path) is { } fileVersion) json.WriteString("fileVersion", fileVersion);
                });
                WriteAssets(json, "resources", application.Files.Where(f => f.Role == FileRole.Resource), file => json.WriteString("locale", file.Culture ?? ""));
                WriteAssets(json, "native", application.Files.Where(f => f.Role == FileRole.Native), _ => { });
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("libraries");
            foreach (var application in applications)
            {
                json.WriteStartObject(LibraryName(application));
                json.WriteString("type", "package");
                json.WriteBoolean("serviceable", false);
                json.WriteString("sha512", "");
                json.WriteString("path", application.DirectoryName);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// Whether the runtime will call a startup hook for an app with this runtimeconfig.json: not when the app turned
    /// them off (`StartupHookSupport` false, as trimmed apps have it), which would leave a node without its launcher.
    /// </summary>
    public static bool RunsStartupHooks(string runtimeConfigText)
    {
        using var json = JsonDocument.Parse(runtimeConfigText, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return !(json.RootElement.TryGetProperty("runtimeOptions", out var options)
                 && options.TryGetProperty("configProperties", out var properties)
                 && properties.TryGetProperty("System.StartupHookProvider.IsSupported", out var supported)
                 && supported.ValueKind == JsonValueKind.False);
    }

    /// <summary>".NETCoreApp,Version=v10.0/linux-x64": the target the host looks the assets up under.</summary>
    public static string TargetName(string runtimeVersion, string? runtimeIdentifier)
    {
        var parts = runtimeVersion.Split('.');
        var framework = $".NETCoreApp,Version=v{parts[0]}.{(parts.Length > 1 ? parts[1] : "0")}";
        return runtimeIdentifier is null ? framework : $"{framework}/{runtimeIdentifier}";
    }

    private static string LibraryName(PackagedApplication application) => $"{application.Name}/{application.Version}";

    private static void WriteAssets(Utf8JsonWriter json, string kind, IEnumerable<ApplicationFile> files, Action<ApplicationFile> properties)
    {
        var list = files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToList();
        if (list.Count == 0) return;
        json.WriteStartObject(kind);
        foreach (var file in list)
        {
            json.WriteStartObject(file.RelativePath);
            properties(file);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static string? Version(string path)
    {
        try { return AssemblyName.GetAssemblyName(path).Version?.ToString(); }
        catch (Exception e) when (e is BadImageFormatException or IOException) { return null; }
    }

    private static string? FileVersion(string path)
    {
        try
        {
            var info = FileVersionInfo.GetVersionInfo(path);
            return info.FileMajorPart + info.FileMinorPart + info.FileBuildPart + info.FilePrivatePart == 0
                ? null
                : $"{info.FileMajorPart}.{info.FileMinorPart}.{info.FileBuildPart}.{info.FilePrivatePart}";
        }
        catch (IOException) { return null; }
    }
}
