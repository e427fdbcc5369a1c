using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Greylane.Core.Serialization;

/// <summary>
/// Builds JSON values straight from YamlDotNet's parser events, within <see cref="YamlReadOptions"/>. Every input it
/// cannot read ends as a <see cref="YamlException"/> with a line and column, whatever YamlDotNet threw.
/// </summary>
/// <remarks>
/// Why not YamlDotNet's <c>YamlStream</c>: it builds its tree recursively (a deeply nested document overflows the
/// stack and takes the process down), expands aliases without bound ("billion laughs"), and on some inputs that
/// its parser mis-reads (a line indented with tabs: <c>"\t\t: x"</c> yields a key without a value) it throws
/// <see cref="ArgumentException"/>. This builder keeps its own stack, counts nodes, and checks every mapping.
/// </remarks>
internal sealed class YamlTreeBuilder(string text, YamlReadOptions options)
{
    private readonly List<JsonNode?> _documents = [];
    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, (JsonNode? Value, long Nodes)> _anchors = new(StringComparer.Ordinal);
    private long _nodes;
    private long _aliasNodes;
    private Mark _last = Mark.Empty;

    public IReadOnlyList<JsonNode?> Build()
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                _last = current.Start;
                On(current);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or IOException or FormatException or OverflowException)
        {
            // What YamlDotNet's scanner and parser throw besides YamlException on input they cannot read: invalid tags
            // ("!<> a": ArgumentException), tag directives, anchors, and parser states it did not foresee.
            throw new YamlException(_last, _last, $"cannot read what follows ({Reason(e)})", e);
        }

        return _documents;
    }

    private void On(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                _anchors.Clear(); // anchors belong to their document
                _frames.Push(new Frame(null, AnchorName.Empty, 0));
                break;
            case DocumentEnd:
                var document = _frames.Pop();
                if (!document.RootIsBlank)
                {
                    _documents.Add(document.Root);
                }

                break;
            case Scalar scalar:
                _nodes++;
                var value = YamlJson.ScalarValue(scalar.Value, scalar.Style, scalar.Tag);
                Place(current, value, scalar);
                Remember(scalar.Anchor, value, 1);
                break;
            case MappingStart mapping:
                Open(current, new JsonObject(), mapping.Anchor);
                break;
            case SequenceStart sequence:
                Open(current, new JsonArray(), sequence.Anchor);
                break;
            case MappingEnd or SequenceEnd:
                Close();
                break;
            case AnchorAlias alias:
                Alias(alias);
                break;
        }
    }

    private void Open(ParsingEvent current, JsonNode container, AnchorName anchor)
    {
        if (_frames.Count > options.MaxDepth)
        {
            throw new YamlLimitException(YamlLimit.Depth, current.Start, $"nests deeper than {options.MaxDepth} levels");
        }

        _nodes++;
        Place(current, container, null);
        _frames.Push(new Frame(container, anchor, _nodes));
    }

    private void Close()
    {
        var frame = _frames.Pop();
        if (frame.Key is not null)
        {
            throw KeyWithoutValue(frame.Key, frame.KeyAt);
        }

        Remember(frame.Anchor, frame.Container, _nodes - frame.NodesAtStart + 1);
    }

    private void Alias(AnchorAlias alias)
    {
        if (!options.AllowAliases)
        {
            throw new YamlLimitException(YamlLimit.Alias, alias.Start, "uses an alias");
        }

        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw new YamlException(alias.Start, alias.End, $"the alias *{alias.Value.Value} names no anchor defined before it");
        }

        _nodes += anchored.Nodes;
        _aliasNodes += anchored.Nodes;
        if (_aliasNodes > 100 && _nodes > 1000 && (double)_aliasNodes / _nodes > AllowedAliasRatio(_nodes))
        {
            throw new YamlLimitException(YamlLimit.AliasExpansion, alias.Start, "aliases expand to far more than the document itself (excessive aliasing)");
        }

        Place(alias, anchored.Value?.DeepClone(), null);
    }

    // Kubernetes reads YAML with go-yaml, which refuses "excessive aliasing" by this ratio of alias-made nodes to all
    // nodes: 99% for documents up to 400 000 nodes, falling to 10% at 4 000 000. Same budget, same verdicts.
    private static double AllowedAliasRatio(long decoded) => decoded switch
    {
        <= 400_000 => 0.99,
        >= 4_000_000 => 0.10,
        _ => 0.99 - (0.89 * (decoded - 400_000) / 3_600_000.0),
    };

    private void Place(ParsingEvent current, JsonNode? value, Scalar? scalar)
    {
        var frame = _frames.Peek();
        switch (frame.Container)
        {
            case null:
                frame.Root = value;
                frame.RootIsBlank = scalar is { Value: "", Style: ScalarStyle.Plain or ScalarStyle.Any };
                break;
            case JsonArray list:
                list.Add(value);
                break;
            case JsonObject map when frame.Key is null:
                if (scalar is null)
                {
                    throw new YamlException(current.Start, current.End, "mapping keys must be plain strings");
                }

                if (map.ContainsKey(scalar.Value))
                {
                    throw new YamlException(current.Start, current.End, $"Duplicate key {scalar.Value}");
                }

                frame.Key = scalar.Value;
                frame.KeyAt = current.Start;
                break;
            case JsonObject map:
                map[frame.Key!] = value;
                frame.Key = null;
                break;
        }
    }

    private void Remember(AnchorName anchor, JsonNode? value, long count)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (value, count);
        }
    }

    // YamlDotNet reads a line indented with tabs ("\t\t: x") as a key whose value it drops; YAML indents with spaces.
    private YamlException KeyWithoutValue(string key, Mark at)
    {
        var lines = text.Split('\n');
        var line = at.Line >= 1 && at.Line <= lines.Length ? lines[(int)at.Line - 1] : "";
        var tab = line.AsSpan(0, (int)Math.Min(line.Length, Math.Max(0, at.Column - 1))).IndexOf('\t');
        return tab >= 0
            ? new YamlException(new Mark(at.Index - at.Column + 1 + tab, at.Line, tab + 1), at, "a tab indents this line (YAML indents with spaces only)")
            : new YamlException(at, at, $"the key {(key.Length == 0 ? "''" : key)} has no value");
    }

    private static string Reason(Exception e) =>
        e is ArgumentException { ParamName: { } name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length].TrimEnd('.')
            : e.Message.TrimEnd('.');

    private sealed class Frame(JsonNode? container, AnchorName anchor, long nodesAtStart)
    {
        public JsonNode? Container { get; } = container;

        public AnchorName Anchor { get; } = anchor;

        public long NodesAtStart { get; } = nodesAtStart;

        public JsonNode? Root { get; set; }

        public bool RootIsBlank { get; set; } = true;

        public string? Key { get; set; }

        public Mark KeyAt { get; set; } = Mark.Empty;
    }
}
