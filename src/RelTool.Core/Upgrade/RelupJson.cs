using System.Text;
using System.Text.Json;
using RelTool.Formats.Manifests;
using RelTool.Formats.Manifests.Instructions;
using RelTool.Formats.Terms;

namespace RelTool.Core.Upgrade;

/// <summary>
/// The relup as JSON for CI tools (shape documented in docs/relup-json.md, version 1). Every
/// instruction has "op" and "term" (its Erlang text); the fields in between depend on the op.
/// </summary>
public static class RelupJson
{
    public const int SchemaVersion = 1;

    public static string Write(RelupResult result, string? file)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schema", SchemaVersion);
            json.WriteString("version", result.Relup.Vsn);
            if (file is not null) json.WriteString("file", file);
            WriteEntries(json, "up", "from", result.Relup.Up);
            WriteEntries(json, "down", "to", result.Relup.Down);
            json.WriteStartArray("warnings");
            foreach (var w in result.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("reason", w.Name);
                json.WriteString("term", TermPrinter.Flat(w.Reason));
                json.WriteString("message", w.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteEntries(Utf8JsonWriter json, string name, string vsnKey, IEnumerable<RelupEntry> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString(vsnKey, entry.Vsn);
            json.WriteString("description", TermPrinter.Flat(entry.Description));
            json.WriteStartArray("instructions");
            foreach (var instruction in entry.Instructions) WriteInstruction(json, instruction);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteInstruction(Utf8JsonWriter json, Instruction instruction)
    {
        json.WriteStartObject();
        switch (instruction)
        {
            case LoadObjectCode l:
                json.WriteString("op", "load_object_code");
                json.WriteString("application", l.Application);
                json.WriteString("vsn", l.Vsn);
                Names(json, "modules", l.Modules);
                break;
            case Load l:
                json.WriteString("op", "load");
                ModulePurge(json, l.Module, l.PrePurge, l.PostPurge);
                break;
            case Remove r:
                json.WriteString("op", "remove");
                ModulePurge(json, r.Module, r.PrePurge, r.PostPurge);
                break;
            case Purge p:
                json.WriteString("op", "purge");
                Names(json, "modules", p.Modules);
                break;
            case Suspend s:
                json.WriteString("op", "suspend");
                Names(json, "modules", s.Modules.Select(m => m.Module));
                json.WriteStartObject("timeouts");
                foreach (var m in s.Modules.Where(m => m.Timeout is not null))
                    json.WriteString(m.Module, TermPrinter.Flat(m.Timeout!.ToTerm()));
                json.WriteEndObject();
                break;
            case Resume r:
                json.WriteString("op", "resume");
                Names(json, "modules", r.Modules);
                break;
            case CodeChange c:
                json.WriteString("op", "code_change");
                if (c.Mode is { } mode) json.WriteString("mode", mode == CodeChangeMode.Up ? "up" : "down");
                else json.WriteNull("mode");
                json.WriteStartArray("modules");
                foreach (var m in c.Modules)
                {
                    json.WriteStartObject();
                    json.WriteString("module", m.Module);
                    json.WriteString("extra", TermPrinter.Flat(m.Extra));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
            case Stop s:
                json.WriteString("op", "stop");
                Names(json, "modules", s.Modules);
                break;
            case Start s:
                json.WriteString("op", "start");
                Names(json, "modules", s.Modules);
                break;
            case Apply a:
                json.WriteString("op", "apply");
                json.WriteString("module", a.Module);
                json.WriteString("function", a.Function);
                json.WriteStartArray("args");
                foreach (var arg in a.Args.Elements) json.WriteStringValue(TermPrinter.Flat(arg));
                json.WriteEndArray();
                break;
            default:
                json.WriteString("op", OpOf(instruction.ToTerm()));
                break;
        }
        json.WriteString("term", TermPrinter.Flat(instruction.ToTerm()));
        json.WriteEndObject();
    }

    private static string OpOf(Term term) => term switch
    {
        ErlAtom a => a.Name,
        ErlTuple { Arity: > 0 } t when t[0] is ErlAtom a => a.Name,
        _ => "unknown",
    };

    private static void ModulePurge(Utf8JsonWriter json, string module, PurgeMethod pre, PurgeMethod post)
    {
        json.WriteString("module", module);
        json.WriteString("prePurge", InstructionAtoms.Of(pre));
        json.WriteString("postPurge", InstructionAtoms.Of(post));
    }

    private static void Names(Utf8JsonWriter json, string name, IEnumerable<string> names)
    {
        json.WriteStartArray(name);
        foreach (var n in names) json.WriteStringValue(n);
        json.WriteEndArray();
    }
}
