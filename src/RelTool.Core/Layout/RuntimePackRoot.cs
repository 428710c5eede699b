using System.Collections.Immutable;
using System.Text.Json;
using System.Xml.Linq;
using RelTool.Core.Build;
using RelTool.Core.Release;
using RelTool.Core.Targets;

namespace RelTool.Core.Layout;

/// <summary>
/// Lays out the target's runtime packs as a dotnet root, the shape runtime/ has (docs/release-layout.md):
/// host/fxr/&lt;v&gt;/ with the pack's hostfxr, shared/&lt;Framework&gt;/&lt;v&gt;/ with every file the pack's
/// data/RuntimeList.xml lists, plus the &lt;Framework&gt;.deps.json and .runtimeconfig.json an installed framework
/// has (a runtime pack carries neither: hostpolicy reads the first, hostfxr the second to find the frameworks a
/// framework builds on). The dotnet muxer is in no runtime pack: it is the build host's own when the target is the
/// host's RID, and absent otherwise (the launcher then starts through the target's apphost).
/// </summary>
public static class RuntimePackRoot
{
    public static void Assemble(ImmutableArray<RuntimePack> packs, TargetPlatform target, string? hostMuxer, string destination)
    {
        var core = packs.FirstOrDefault(p => p.FrameworkName == RuntimeSelection.NetCoreApp)
            ?? throw new ReleaseException($"restore resolved no {RuntimeSelection.NetCoreApp} runtime pack for {target.RuntimeIdentifier}");
        Directory.CreateDirectory(destination);
        foreach (var pack in packs)
        {
            var files = RuntimeListOf(pack);
            var frameworkDirectory = Path.Combine(destination, "shared", pack.FrameworkName, pack.Version);
            Directory.CreateDirectory(frameworkDirectory);
            foreach (var file in files)
            {
                var source = Path.Combine(pack.Directory, file.Path);
                var name = Path.GetFileName(file.Path);
                var into = IsHostFxr(name) ? Path.Combine(destination, "host", "fxr", pack.Version) : frameworkDirectory;
                FileTree.CopyFile(source, Path.Combine(into, name));
            }
            File.WriteAllText(Path.Combine(frameworkDirectory, pack.FrameworkName + ".deps.json"), DepsJson(pack, target, files));
            File.WriteAllText(Path.Combine(frameworkDirectory, pack.FrameworkName + ".runtimeconfig.json"),
                RuntimeConfigJson(pack, pack.FrameworkName == RuntimeSelection.NetCoreApp ? null : core));
        }
        if (!Directory.Exists(Path.Combine(destination, "host", "fxr")))
            throw new ReleaseException($"the {core.PackageId} {core.Version} pack in {core.Directory} has no hostfxr");
        CopyIfPresent(Path.Combine(core.Directory, "LICENSE.TXT"), Path.Combine(destination, "LICENSE.txt"));
        CopyIfPresent(Path.Combine(core.Directory, "THIRD-PARTY-NOTICES.TXT"), Path.Combine(destination, "ThirdPartyNotices.txt"));
        if (hostMuxer is not null) FileTree.CopyFile(hostMuxer, Path.Combine(destination, target.ExecutableName("dotnet")));
    }

    private sealed record PackFile(string Path, bool Managed, string? AssemblyVersion, string? FileVersion);

    private static bool IsHostFxr(string fileName) => Path.GetFileNameWithoutExtension(fileName) is "libhostfxr" or "hostfxr";

    private static ImmutableArray<PackFile> RuntimeListOf(RuntimePack pack)
    {
        var list = Path.Combine(pack.Directory, "data", "RuntimeList.xml");
        if (!File.Exists(list)) throw new ReleaseException($"{list} is missing: is {pack.Directory} a complete {pack.PackageId} pack? Remove it and restore again");
        try
        {
            return XDocument.Load(list).Root!.Elements("File")
                .Select(f => new PackFile(
                    (string?)f.Attribute("Path") ?? throw new FormatException("a File without Path"),
                    (string?)f.Attribute("Type") == "Managed",
                    (string?)f.Attribute("AssemblyVersion"),
                    (string?)f.Attribute("FileVersion")))
                .ToImmutableArray();
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException or NullReferenceException)
        {
            throw new ReleaseException($"{list}: {e.Message}");
        }
    }

    /// <summary>The framework's deps.json in the shape the installer writes: one package library with its runtime and native assets.</summary>
    private static string DepsJson(RuntimePack pack, TargetPlatform target, ImmutableArray<PackFile> files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var targetName = $".NETCoreApp,Version=v{MajorMinor(pack.Version)}";
            var library = $"{pack.PackageId}/{pack.Version}";
            json.WriteStartObject();
            json.WriteStartObject("runtimeTarget");
            json.WriteString("name", $"{targetName}/{target.RuntimeIdentifier}");
            json.WriteString("signature", "");
            json.WriteEndObject();
            json.WriteStartObject("compilationOptions");
            json.WriteEndObject();
            json.WriteStartObject("targets");
            json.WriteStartObject(targetName);
            json.WriteEndObject();
            json.WriteStartObject($"{targetName}/{target.RuntimeIdentifier}");
            json.WriteStartObject(library);
            WriteAssets(json, "runtime", files.Where(f => f.Managed), withAssemblyVersion: true);
            WriteAssets(json, "native", files.Where(f => !f.Managed && !IsHostFxr(Path.GetFileName(f.Path))), withAssemblyVersion: false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("libraries");
            json.WriteStartObject(library);
            json.WriteString("type", "package");
            json.WriteBoolean("serviceable", true);
            json.WriteString("sha512", "");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteAssets(Utf8JsonWriter json, string kind, IEnumerable<PackFile> files, bool withAssemblyVersion)
    {
        json.WriteStartObject(kind);
        foreach (var file in files)
        {
            json.WriteStartObject(Path.GetFileName(file.Path));
            if (withAssemblyVersion && file.AssemblyVersion is { } assemblyVersion) json.WriteString("assemblyVersion", assemblyVersion);
            if (file.FileVersion is { } fileVersion) json.WriteString("fileVersion", fileVersion);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>Microsoft.NETCore.App's is empty of frameworks; the others build on it, as installed ones do.</summary>
    private static string RuntimeConfigJson(RuntimePack pack, RuntimePack? baseFramework)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("runtimeOptions");
            json.WriteString("tfm", $"net{MajorMinor(pack.Version)}");
            if (baseFramework is not null)
            {
                json.WriteString("rollForward", "LatestPatch");
                json.WriteStartObject("framework");
                json.WriteString("name", baseFramework.FrameworkName);
                json.WriteString("version", baseFramework.Version);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : version;
    }

    private static void CopyIfPresent(string source, string destination)
    {
        if (File.Exists(source)) FileTree.CopyFile(source, destination);
    }
}
