using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core;

namespace Greylane.Webhook.Admission.Fuzz.Tests;

/// <summary>Turns a fixture review into a mangled body: fields dropped, duplicated or retyped, hostile text, truncation, noise bytes.</summary>
internal sealed class ReviewMutator(FuzzValues values)
{
    // The fields the reader and the decider read: most mutations aim here, the rest anywhere in the review.
    private static readonly string[] Targets =
    [
        "request", "request.uid", "request.name", "request.namespace", "request.operation", "request.kind", "request.kind.group", "request.dryRun",
        "request.object", "request.oldObject", "request.object.metadata", "request.object.metadata.annotations", "request.object.metadata.labels",
        "request.object.metadata.name", "request.object.spec", "request.object.spec.replicas", "request.object.spec.paused",
        "request.object.spec.template", "request.oldObject.spec.replicas", "request.oldObject.metadata.annotations", "apiVersion", "kind",
    ];

    private static readonly string[] Annotations = [GreylaneKeys.Strategy, GreylaneKeys.Status, GreylaneKeys.Release, GreylaneKeys.Stable, GreylaneKeys.Enabled, GreylaneKeys.StrategyRef];

    public byte[] Mutate(JsonObject review)
    {
        for (var edits = values.Next(3) + 1; edits > 0; edits--)
        {
            Edit(review);
        }

        var bytes = Encoding.UTF8.GetBytes(review.ToJsonString()
            .Replace(FuzzValues.SurrogateMarker, values.Pick(["\\ud800", "\\udfff", "\\udc00\\ud800", "a\\ud83d"]), StringComparison.Ordinal));
        bytes = ReplaceBadUtf8(bytes);
        return values.Next(10) switch
        {
            0 => bytes[..values.Next(bytes.Length)],
            1 => Noise(bytes),
            _ => bytes,
        };
    }

    private void Edit(JsonObject review)
    {
        switch (values.Next(6))
        {
            case 0:
                if (Find(review, "request.object.metadata.annotations") is JsonObject annotations)
                {
                    annotations[values.Pick(Annotations)] = values.Next(3) == 0 ? values.Value() : values.Strategy();
                }

                break;
            case 1:
                Set(review, values.Pick(Targets), null, remove: true);
                break;
            case 2 when Find(review, values.Pick(Targets)) is { } source:
                Set(review, values.Pick(Targets), source.DeepClone(), remove: false);
                break;
            case 3:
                var all = new List<JsonNode>();
                Collect(review, all);
                if (values.Pick(all) is JsonObject obj && obj.Count > 0)
                {
                    var key = obj.ElementAt(values.Next(obj.Count)).Key;
                    obj[key] = values.Value();
                }

                break;
            default:
                Set(review, values.Pick(Targets), values.Value(), remove: false);
                break;
        }
    }

    private static JsonNode? Find(JsonObject review, string path) =>
        path.Split('.').Aggregate((JsonNode?)review, (node, name) => node is JsonObject o ? o[name] : null);

    private static void Set(JsonObject review, string path, JsonNode? value, bool remove)
    {
        var names = path.Split('.');
        if ((names.Length == 1 ? review : Find(review, string.Join('.', names[..^1]))) is not JsonObject parent)
        {
            return;
        }

        if (remove)
        {
            parent.Remove(names[^1]);
        }
        else
        {
            parent[names[^1]] = value;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> all)
    {
        if (node is null)
        {
            return;
        }

        all.Add(node);
        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a, _ => [] })
        {
            Collect(child, all);
        }
    }

    private byte[] ReplaceBadUtf8(byte[] bytes)
    {
        var marker = Encoding.UTF8.GetBytes(FuzzValues.BadUtf8Marker);
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            return bytes;
        }

        byte[] bad = values.Pick<byte[]>([[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]]);
        return ReplaceBadUtf8([.. bytes[..at], .. bad, .. bytes[(at + marker.Length)..]]);
    }

    private byte[] Noise(byte[] bytes)
    {
        var copy = bytes.ToArray();
        for (var i = values.Next(5) + 1; i > 0 && copy.Length > 0; i--)
        {
            copy[values.Next(copy.Length)] = (byte)values.Next(256);
        }

        return copy;
    }
}
