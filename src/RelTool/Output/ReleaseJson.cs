using System.Text.Json;
using RelTool.Core.Build;
using RelTool.Core.Release;

namespace RelTool.Output;

/// <summary>
/// `reltool release --json`: one JSON object on stdout, schema 2 (docs/reltool-release.md): camelCase keys like every
/// other command's JSON (schema 1 had snake_case ones). Fields are only added, never renamed or removed, within a schema.
/// </summary>
public static class ReleaseJson
{
    public const int SchemaVersion = 2;

    public static void WriteSuccess(Stream output, ReleaseResult result)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schema", SchemaVersion);
        json.WriteBoolean("ok", true);
        json.WriteString("name", result.Name);
        json.WriteString("version", result.Version);
        json.WriteString("runtimeVersion", result.RuntimeVersion);
        json.WriteString("environment", result.Environment);
        json.WriteString("configuration", result.Configuration);
        json.WriteString("runtimeIdentifier", result.RuntimeIdentifier);
        json.WriteBoolean("includeRuntime", result.IncludeRuntime);
        json.WriteString("project", result.ProjectPath);
        json.WriteString("output", result.OutputDirectory);
        json.WriteBoolean("replacedExisting", result.ReplacedExisting);
        json.WriteStartArray("notices");
        foreach (var notice in result.Notices) json.WriteStringValue(notice);
        json.WriteEndArray();
        TarballJson.Write(json, result.TarballPath, result.TarballSha256, result.TarballBytes);
        if (result.Trust is { } trust)
        {
            json.WriteString("sbom", trust.Sbom);
            json.WriteString("checksums", trust.Checksums);
            json.WriteStartArray("signatures");
            foreach (var signature in trust.Signatures) json.WriteStringValue(signature);
            json.WriteEndArray();
            json.WriteStartArray("trustedKeys");
            foreach (var key in trust.TrustedKeys) json.WriteStringValue(key);
            json.WriteEndArray();
        }
        json.WriteStartArray("applications");
        foreach (var a in result.Applications)
        {
            json.WriteStartObject();
            json.WriteString("name", a.Name);
            json.WriteString("version", a.Version);
            json.WriteString("kind", a.Kind);
            json.WriteString("dir", a.Directory);
            json.WriteNumber("files", a.Files);
            json.WriteNumber("bytes", a.Bytes);
            json.WriteBoolean("shared", a.Shared);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WritePropertyName("upgrade");
        if (result.Upgrade is null) json.WriteNullValue();
        else UpgradeJson.Write(json, result.Upgrade);
        json.WriteStartArray("upgrades");
        foreach (var upgrade in result.Upgrades) UpgradeJson.Write(json, upgrade);
        json.WriteEndArray();
        WriteDiagnostics(json, result.Warnings);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    public static void WriteFailure(Stream output, string error, IEnumerable<BuildDiagnostic> diagnostics)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("schema", SchemaVersion);
        json.WriteBoolean("ok", false);
        json.WriteString("error", error);
        WriteDiagnostics(json, diagnostics);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteDiagnostics(Utf8JsonWriter json, IEnumerable<BuildDiagnostic> diagnostics)
    {
        json.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("severity", d.Severity == DiagnosticSeverity.Error ? "error" : "warning");
            json.WriteString("code", d.Code);
            json.WriteString("file", d.File);
            json.WriteNumber("line", d.Line);
            json.WriteNumber("column", d.Column);
            json.WriteString("message", d.Message);
            json.WriteString("project", d.ProjectFile);
            json.WriteString("text", d.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
