namespace RelTool.Core.Config;

/// <summary>Reads one overlay list item: `- copy: SRC` + `to: DEST`, `- template: SRC` + `to: DEST`, or `- mkdir: DEST`.</summary>
internal static class OverlayReader
{
    private static readonly string[] Kinds = ["copy", "mkdir", "template"];

    public static Overlay Read(ConfigNodes nodes, YamlNode item, string where)
    {
        var mapping = nodes.Mapping(item, $"an entry of {where}");
        nodes.CheckKeys(mapping, $"an overlay of {where}", [.. Kinds, "to"]);
        var kinds = mapping.Entries.Where(e => Kinds.Contains(e.Key.Value)).ToList();
        if (kinds.Count != 1)
            throw nodes.Error(mapping, $"an overlay of {where} needs exactly one of {string.Join(", ", Kinds)}; got {(kinds.Count == 0 ? "none" : string.Join(", ", kinds.Select(k => k.Key.Value)))}");
        var (kindKey, kindValue) = kinds[0];
        var to = mapping.Entries.Where(e => e.Key.Value == "to").Select(e => e.Value).FirstOrDefault();
        var what = $"{where}: {kindKey.Value}";
        switch (kindKey.Value)
        {
            case "mkdir":
                if (to is not null) throw nodes.Error(to, "mkdir takes the folder to create as its value, without 'to'");
                return Checked(nodes, new Overlay(OverlayKind.Mkdir, null, nodes.String(kindValue, what), mapping.Line, mapping.Column), kindValue);
            default:
                if (to is null) throw nodes.Error(mapping, $"{kindKey.Value} needs 'to: <path in the release>'");
                var kind = kindKey.Value == "copy" ? OverlayKind.Copy : OverlayKind.Template;
                return Checked(nodes, new Overlay(kind, nodes.String(kindValue, what), nodes.String(to, $"{what}: to"), mapping.Line, mapping.Column), to);
        }
    }

    private static Overlay Checked(ConfigNodes nodes, Overlay overlay, YamlNode destinationNode)
    {
        var problem = ReleasePaths.CheckOverlayDestination(overlay.Destination);
        return problem is null ? overlay : throw nodes.Error(destinationNode, problem);
    }
}
