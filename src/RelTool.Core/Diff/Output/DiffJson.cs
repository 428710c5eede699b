using System.Text;
using System.Text.Json;

namespace RelTool.Core.Diff.Output;

/// <summary>The JSON form of a <see cref="ReleaseDiff"/>, for CI; the shape is described in docs/diff.md.</summary>
public static class DiffJson
{
    public static string Format(ReleaseDiff diff)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", 1);
            WriteRelease(json, "old", diff.Old);
            WriteRelease(json, "new", diff.New);
            json.WriteBoolean("runtimeChanged", diff.RuntimeChanged);
            json.WriteNumber("unchangedApplications", diff.UnchangedApplications);
            json.WriteStartArray("applications");
            foreach (var app in diff.Applications) WriteApp(json, app);
            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (var w in diff.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("kind", "stateShapeChanged");
                json.WriteString("application", w.Application);
                json.WriteString("module", w.Module);
                json.WriteString("server", w.ServerType);
                json.WriteString("oldStateType", w.OldStateType);
                json.WriteString("newStateType", w.NewStateType);
                WriteStrings(json, "fieldsAdded", w.FieldsAdded);
                WriteStrings(json, "fieldsRemoved", w.FieldsRemoved);
                json.WriteBoolean("codeChangeMissing", w.CodeChangeMissing);
                json.WriteString("message", w.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteRelease(Utf8JsonWriter json, string property, ReleaseIdentity release)
    {
        json.WriteStartObject(property);
        json.WriteString("name", release.Name);
        json.WriteString("version", release.Version);
        json.WriteString("runtimeVersion", release.RuntimeVersion);
        json.WriteEndObject();
    }

    private static void WriteApp(Utf8JsonWriter json, AppDiff app)
    {
        json.WriteStartObject();
        json.WriteString("name", app.Name);
        json.WriteString("status", Camel(app.Status.ToString()));
        WriteNullable(json, "oldVersion", app.OldVersion);
        WriteNullable(json, "newVersion", app.NewVersion);
        json.WriteBoolean("changedWithoutVersionBump", app.CodeChangedWithoutVersionBump);
        json.WriteStartArray("files");
        foreach (var f in app.Files)
        {
            json.WriteStartObject();
            json.WriteString("path", f.Path);
            json.WriteString("change", Camel(f.Kind.ToString()));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("modules");
        foreach (var m in app.Modules) WriteModule(json, m);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteModule(Utf8JsonWriter json, ModuleDiff module)
    {
        json.WriteStartObject();
        json.WriteString("name", module.Name);
        json.WriteString("change", Camel(module.Kind.ToString()));
        json.WriteString("path", (module.New ?? module.Old)!.Path);
        json.WriteBoolean("hasServer", (module.New ?? module.Old)!.HasServer);
        WriteStrings(json, "references", (module.New ?? module.Old)!.References);
        if (module.Details is { } details)
        {
            json.WriteStartArray("types");
            foreach (var t in details.Types)
            {
                json.WriteStartObject();
                json.WriteString("name", t.Type);
                json.WriteString("change", Camel(t.Kind.ToString()));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("methods");
            foreach (var m in details.Methods)
            {
                json.WriteStartObject();
                json.WriteString("type", m.Type);
                json.WriteString("method", m.Method);
                json.WriteString("change", Camel(m.Kind.ToString()));
                json.WriteBoolean("signatureChanged", m.SignatureChanged);
                json.WriteBoolean("bodyChanged", m.BodyChanged);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string property, IEnumerable<string> values)
    {
        json.WriteStartArray(property);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string property, string? value)
    {
        if (value is null) json.WriteNull(property);
        else json.WriteString(property, value);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
