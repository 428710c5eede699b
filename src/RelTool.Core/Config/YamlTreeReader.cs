using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RelTool.Core.Config;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s from YamlDotNet's parser events, keeping each node's
/// position. Syntax errors, duplicate keys and non-scalar keys become <see cref="ConfigException"/>s.
/// </summary>
public static class YamlTreeReader
{
    [ThreadStatic] private static Mark? lastGood;

    /// <summary>The document's root node; null for an empty document.</summary>
    public static YamlNode? Read(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        lastGood = null;
        var anchors = new Dictionary<string, YamlNode>();
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, file);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var mark = parser.Current!.Start;
                throw new ConfigException(file, "only one YAML document is allowed", Line(mark), Column(mark));
            }
            return root is YamlScalar { IsNull: true } ? null : root;
        }
        catch (YamlException e)
        {
            throw new ConfigException(file, Reason(e), Line(e.Start), Column(e.Start));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser fails this way on some unfinished flow collections; point at the last node it read.
            var mark = lastGood ?? Mark.Empty;
            throw new ConfigException(file, "invalid YAML after this point: an unclosed '[', '{' or quote?", Line(mark), Column(mark));
        }
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors, string file)
    {
        var current = parser.Current ?? throw new ConfigException(file, "unexpected end of the document");
        lastGood = current.Start;
        switch (current)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new ConfigException(file, $"unknown alias *{alias.Value}", Line(alias.Start), Column(alias.Start));
            case Scalar scalar:
                parser.MoveNext();
                return Remember(new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Line(scalar.Start), Column(scalar.Start)), scalar.Anchor, anchors);
            case SequenceStart start:
            {
                parser.MoveNext();
                var items = ImmutableArray.CreateBuilder<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, anchors, file));
                return Remember(new YamlSequence(items.ToImmutable(), Line(start.Start), Column(start.Start)), start.Anchor, anchors);
            }
            case MappingStart start:
            {
                parser.MoveNext();
                var entries = ImmutableArray.CreateBuilder<KeyValuePair<YamlScalar, YamlNode>>();
                var seen = new HashSet<string>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, anchors, file);
                    if (keyNode is not YamlScalar key)
                        throw new ConfigException(file, $"a key must be a plain name, not {keyNode.Kind}", keyNode.Line, keyNode.Column);
                    if (!seen.Add(key.Value))
                        throw new ConfigException(file, $"key '{key.Value}' is given twice", key.Line, key.Column);
                    entries.Add(new(key, ReadNode(parser, anchors, file)));
                }
                return Remember(new YamlMapping(entries.ToImmutable(), Line(start.Start), Column(start.Start)), start.Anchor, anchors);
            }
            default:
                throw new ConfigException(file, $"unexpected {current.GetType().Name}", Line(current.Start), Column(current.Start));
        }
    }

    private static YamlNode Remember(YamlNode node, AnchorName anchor, Dictionary<string, YamlNode> anchors)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        return node;
    }

    private static int Line(Mark mark) => (int)mark.Line;
    private static int Column(Mark mark) => (int)mark.Column;

    /// <summary>YamlDotNet's message without its own "(Line: .., Col: ..)" prefix: the position is given separately.</summary>
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
