using System.Text;
using System.Text.Json;

namespace RelTool.Core.Inspect.Output;

/// <summary>The JSON form of an <see cref="Inspection"/>, for CI: camelCase keys and a "schema" number, as `reltool diff --json`.
/// The shape is described in docs/inspect.md; within a schema fields are only added.</summary>
public static class InspectJson
{
    public const int Schema = 1;

    public static string Format(Inspection inspection)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var release = inspection.Release;
            json.WriteStartObject();
            json.WriteNumber("schema", Schema);
            json.WriteString("input", inspection.Input);
            json.WriteString("kind", Camel(inspection.Kind.ToString()));
            json.WriteBoolean("ok", inspection.Ok);
            json.WriteString("name", release?.Name);
            json.WriteString("version", release?.Version);
            json.WriteString("versionFrom", release is null ? null : Camel(release.ChosenBy.ToString()));
            json.WriteString("runtimeVersion", release?.RuntimeVersion);
            json.WriteString("runtimeIdentifier", release?.RuntimeIdentifier);
            if (release?.BinariesChecked is { } checkedBinaries) json.WriteNumber("binariesChecked", checkedBinaries);
            else json.WriteNull("binariesChecked");
            WriteRuntime(json, inspection.Runtime);
            WriteStartErl(json, inspection.StartErl);
            WriteInstalled(json, inspection);
            json.WriteString("relFile", release?.RelFile);
            json.WriteStartArray("applications");
            foreach (var a in release?.Applications ?? []) WriteApplication(json, a);
            json.WriteEndArray();
            WriteRelup(json, release?.Relup);
            WriteTarball(json, inspection);
            WriteTrust(json, inspection.Trust);
            json.WriteStartArray("problems");
            foreach (var p in inspection.Problems)
            {
                json.WriteStartObject();
                json.WriteString("file", p.File);
                json.WriteString("message", p.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTrust(Utf8JsonWriter json, TrustFacts? trust)
    {
        json.WritePropertyName("trust");
        if (trust is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("sbom", trust.Sbom);
        WriteNumber(json, "sbomComponents", trust.SbomComponents);
        json.WriteString("checksums", trust.Checksums);
        WriteNumber(json, "checksumFiles", trust.ChecksumFiles);
        WriteNumber(json, "checksumMismatches", trust.ChecksumMismatches);
        json.WriteStartObject("signature");
        json.WriteString("signedFile", trust.Signature.SignedFile);
        json.WriteString("state", trust.Signature.State);
        json.WriteString("key", trust.Signature.Key);
        json.WriteEndObject();
        json.WriteStartArray("trustedKeys");
        foreach (var key in trust.TrustedKeys) json.WriteStringValue(key);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number) json.WriteNumber(name, number);
        else json.WriteNull(name);
    }

    private static void WriteRuntime(Utf8JsonWriter json, RuntimeFacts runtime)
    {
        json.WriteStartObject("runtime");
        json.WriteBoolean("bundled", runtime.Bundled);
        json.WriteStartArray("frameworks");
        foreach (var f in runtime.Frameworks)
        {
            json.WriteStartObject();
            json.WriteString("name", f.Name);
            WriteStrings(json, "versions", f.Versions);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        WriteStrings(json, "hostfxr", runtime.HostFxrVersions);
        json.WriteEndObject();
    }

    private static void WriteStartErl(Utf8JsonWriter json, StartErlFacts? startErl)
    {
        json.WritePropertyName("startErlData");
        if (startErl is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("runtimeVersion", startErl.RuntimeVersion);
        json.WriteString("releaseVersion", startErl.ReleaseVersion);
        json.WriteEndObject();
    }

    private static void WriteInstalled(Utf8JsonWriter json, Inspection inspection)
    {
        json.WritePropertyName("releases");
        if (inspection.Installed is not { } installed)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartArray();
        foreach (var r in installed)
        {
            json.WriteStartObject();
            json.WriteString("name", r.Name);
            json.WriteString("version", r.Version);
            json.WriteString("runtimeVersion", r.RuntimeVersion);
            json.WriteString("status", r.Status);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteApplication(Utf8JsonWriter json, InspectedApplication a)
    {
        json.WriteStartObject();
        json.WriteString("name", a.Name);
        json.WriteString("version", a.Version);
        json.WriteString("libDir", a.LibDir);
        json.WriteBoolean("present", a.Present);
        json.WriteNumber("files", a.Files);
        json.WriteNumber("bytes", a.Bytes);
        if (a.Modules is { } modules) json.WriteNumber("modules", modules);
        else json.WriteNull("modules");
        json.WriteBoolean("appup", a.HasAppup);
        json.WriteEndObject();
    }

    private static void WriteRelup(Utf8JsonWriter json, RelupFacts? relup)
    {
        json.WritePropertyName("relup");
        if (relup is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("file", relup.File);
        json.WriteBoolean("readable", relup.Readable);
        WriteStrings(json, "upFrom", relup.UpFrom);
        WriteStrings(json, "downTo", relup.DownTo);
        json.WriteEndObject();
    }

    private static void WriteTarball(Utf8JsonWriter json, Inspection inspection)
    {
        json.WritePropertyName("tarball");
        if (inspection.Tarball is not { } t)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("path", inspection.Input);
        json.WriteNumber("bytes", t.Bytes);
        json.WriteString("sha256", t.Sha256);
        json.WriteNumber("entries", t.Entries);
        json.WriteBoolean("verified", t.Verified);
        json.WriteString("error", t.Error);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
