using System.Text.Json;
using RelTool.Core.Upgrade.Build;
using RelTool.Formats.Layout;

namespace RelTool.Output;

/// <summary>The "upgrade" object of `reltool release --upgrade --json` (docs/reltool-release.md).</summary>
public static class UpgradeJson
{
    public static void Write(Utf8JsonWriter json, UpgradeResult upgrade)
    {
        json.WriteStartObject();
        json.WriteString("from", upgrade.FromVersion);
        json.WriteString("relup", upgrade.RelupPath);
        json.WriteStartArray("appups");
        foreach (var appup in upgrade.Appups)
        {
            json.WriteStartObject();
            json.WriteString("application", appup.Application);
            json.WriteString("from", appup.FromVersion);
            json.WriteString("to", appup.ToVersion);
            json.WriteString("path", appup.Path);
            json.WriteString("source", appup.HandWritten ?? "generated");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        TarballJson.Write(json, upgrade.TarballPath, upgrade.TarballSha256, upgrade.TarballBytes);
        json.WriteStartArray("sharedLibDirs");
        foreach (var dir in upgrade.SharedLibDirs) json.WriteStringValue(ReleaseLayout.LibDirPath(dir));
        json.WriteEndArray();
        json.WriteStartArray("changedApplications");
        foreach (var app in upgrade.Diff.Applications)
        {
            json.WriteStartObject();
            json.WriteString("name", app.Name);
            json.WriteString("status", app.Status switch
            {
                Core.Diff.AppStatus.VersionOnly => "versionOnly",
                var s => s.ToString().ToLowerInvariant(),
            });
            json.WriteString("oldVersion", app.OldVersion);
            json.WriteString("newVersion", app.NewVersion);
            json.WriteStartArray("modules");
            foreach (var m in app.Modules) json.WriteStringValue(m.Name);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("warnings");
        foreach (var warning in upgrade.Warnings) json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
