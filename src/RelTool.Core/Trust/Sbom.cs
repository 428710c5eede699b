using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RelTool.Core.Layout;
using RelTool.Core.Release;
using RelTool.Formats.Layout;

namespace RelTool.Core.Trust;

/// <summary>
/// releases/&lt;Vsn&gt;/&lt;name&gt;.cdx.json: a CycloneDX 1.6 JSON SBOM (docs/reltool-release.md, "SBOM"). The release is the
/// root component; each application (lib dir) a component with its version, a pkg:nuget purl for NuGet packages, the
/// licence the nuspec declares and its files (SHA-256) as file components; the runtime's frameworks and host likewise.
/// Dependencies come from the .app files. Deterministic: entries in a fixed order, the timestamp from SOURCE_DATE_EPOCH
/// (or the archive's fixed mtime), and the serial number a name-based UUID of the rest of the document.
/// </summary>
public static class Sbom
{
    public const string SpecVersion = "1.6";

    /// <param name="hashes">SHA-256 (hex) of every file of the release, by path relative to the root.</param>
    public static byte[] Format(
        StagedRelease staged, IReadOnlyDictionary<string, string> hashes, string toolVersion, DateTimeOffset timestamp, string packagesFolder)
    {
        var body = Write(staged, hashes, toolVersion, timestamp, packagesFolder, serial: null);
        return Write(staged, hashes, toolVersion, timestamp, packagesFolder, SerialOf(body));
    }

    private static byte[] Write(
        StagedRelease staged, IReadOnlyDictionary<string, string> hashes, string toolVersion, DateTimeOffset timestamp, string packagesFolder, string? serial)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var rootRef = $"release:{staged.Name}@{staged.Version}";
            json.WriteStartObject();
            json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            json.WriteString("bomFormat", "CycloneDX");
            json.WriteString("specVersion", SpecVersion);
            if (serial is not null) json.WriteString("serialNumber", serial);
            json.WriteNumber("version", 1);

            json.WriteStartObject("metadata");
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("tools");
            json.WriteStartArray("components");
            json.WriteStartObject();
            json.WriteString("type", "application");
            json.WriteString("name", "reltool");
            json.WriteString("version", toolVersion);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("component");
            json.WriteString("type", "application");
            json.WriteString("bom-ref", rootRef);
            json.WriteString("name", staged.Name);
            json.WriteString("version", staged.Version);
            json.WriteString("description", $"the {staged.Name} release, as laid out by reltool");
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("components");
            foreach (var application in staged.Applications) WriteApplication(json, application, hashes, packagesFolder);
            var runtimeRefs = WriteRuntime(json, staged, hashes);
            json.WriteEndArray();

            json.WriteStartArray("dependencies");
            WriteDependency(json, rootRef, [.. staged.Applications.Select(RefOf), .. runtimeRefs]);
            var present = staged.Applications.ToDictionary(a => a.Name, StringComparer.Ordinal);
            foreach (var application in staged.Applications)
                WriteDependency(json, RefOf(application),
                    [.. application.Dependencies.Where(present.ContainsKey).Select(d => RefOf(present[d])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
            foreach (var runtimeRef in runtimeRefs) WriteDependency(json, runtimeRef, []);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static string RefOf(PackagedApplication application) => application.LibDirectory;

    private static void WriteApplication(Utf8JsonWriter json, PackagedApplication application, IReadOnlyDictionary<string, string> hashes, string packagesFolder)
    {
        json.WriteStartObject();
        json.WriteString("type", application.IsEntry || application.Kind == ApplicationKind.Launcher ? "application" : "library");
        json.WriteString("bom-ref", RefOf(application));
        json.WriteString("name", application.Name);
        json.WriteString("version", application.Version);
        if (application.Kind == ApplicationKind.Package)
        {
            json.WriteString("purl", Purl(application.Name, application.Version));
            if (PackageLicense.Find(packagesFolder, application.Name, application.Version) is { } license) WriteLicense(json, license);
        }
        WriteProperties(json, ("reltool:kind", application.Kind.ToString().ToLowerInvariant()), ("reltool:libDir", application.LibDirectory));
        WriteFiles(json, application.LibDirectory + "/", hashes);
        json.WriteEndObject();
    }

    /// <summary>One component per shared framework and one for the host (dotnet, hostfxr and runtime/'s top files); their bom-refs.</summary>
    private static ImmutableArray<string> WriteRuntime(Utf8JsonWriter json, StagedRelease staged, IReadOnlyDictionary<string, string> hashes)
    {
        var refs = ImmutableArray.CreateBuilder<string>();
        var bundled = staged.IncludeRuntime ? "true" : "false";
        foreach (var framework in staged.Runtime.Frameworks)
        {
            var folder = $"{ReleaseLayout.RuntimeDir}/shared/{framework.Name}/{framework.Version}/";
            json.WriteStartObject();
            json.WriteString("type", "framework");
            json.WriteString("bom-ref", folder.TrimEnd('/'));
            json.WriteString("name", framework.Name);
            json.WriteString("version", framework.Version);
            WriteProperties(json, ("reltool:bundled", bundled));
            WriteFiles(json, folder, hashes);
            json.WriteEndObject();
            refs.Add(folder.TrimEnd('/'));
        }
        if (staged.IncludeRuntime)
        {
            const string hostRef = ReleaseLayout.RuntimeDir + "/host";
            json.WriteStartObject();
            json.WriteString("type", "application");
            json.WriteString("bom-ref", hostRef);
            json.WriteString("name", "dotnet-host");
            json.WriteString("version", staged.Runtime.HostFxrVersion);
            WriteProperties(json, ("reltool:bundled", bundled));
            WriteFiles(json, ReleaseLayout.RuntimeDir + "/", hashes, path => !path.StartsWith(ReleaseLayout.RuntimeDir + "/shared/", StringComparison.Ordinal));
            json.WriteEndObject();
            refs.Add(hostRef);
        }
        return refs.ToImmutable();
    }

    private static void WriteFiles(Utf8JsonWriter json, string prefix, IReadOnlyDictionary<string, string> hashes, Func<string, bool>? also = null)
    {
        var files = hashes.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && (also is null || also(p))).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return;
        json.WriteStartArray("components");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("type", "file");
            json.WriteString("bom-ref", "file:" + file);
            json.WriteString("name", file);
            json.WriteStartArray("hashes");
            json.WriteStartObject();
            json.WriteString("alg", "SHA-256");
            json.WriteString("content", hashes[file]);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteLicense(Utf8JsonWriter json, PackageLicense license)
    {
        json.WriteStartArray("licenses");
        json.WriteStartObject();
        if (license.Expression is { } expression) json.WriteString("expression", expression);
        else
        {
            json.WriteStartObject("license");
            json.WriteString("name", license.File is { } file ? $"see {file} in the package" : "see the licence URL");
            if (license.Url is { } url) json.WriteString("url", url);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter json, params (string Name, string Value)[] properties)
    {
        json.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("value", value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteDependency(Utf8JsonWriter json, string reference, IReadOnlyList<string> dependsOn)
    {
        json.WriteStartObject();
        json.WriteString("ref", reference);
        json.WriteStartArray("dependsOn");
        foreach (var d in dependsOn) json.WriteStringValue(d);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>pkg:nuget/&lt;Id&gt;@&lt;Version&gt; as the purl spec writes NuGet packages (the version percent-encoded).</summary>
    public static string Purl(string id, string version) => $"pkg:nuget/{Uri.EscapeDataString(id)}@{Uri.EscapeDataString(version)}";

    /// <summary>A version-5 (name-based, SHA-1) UUID of the document without its serial number: same content, same serial.</summary>
    private static string SerialOf(byte[] body)
    {
        // RFC 9562's URL namespace; the name is the SHA-256 of the document.
        var name = Encoding.ASCII.GetBytes("reltool-sbom:" + Convert.ToHexStringLower(SHA256.HashData(body)));
        byte[] namespaceId = [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
        var hash = SHA1.HashData([.. namespaceId, .. name]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
