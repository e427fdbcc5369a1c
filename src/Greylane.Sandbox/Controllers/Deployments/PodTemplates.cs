using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>pod-template-hash and template equality, as controller.ComputeHash and deploymentutil.EqualIgnoreHash.</summary>
internal static class PodTemplates
{
    public const string HashLabel = "pod-template-hash";

    // rand.SafeEncodeString's alphabet: no vowels (no words) and no look-alike characters.
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// FNV-32a over the template (the real one hashes Go's spew dump; here a canonical JSON form, equally stable),
    /// then collisionCount as 8 little-endian bytes, then the decimal digits safe-encoded.
    /// </summary>
    public static string Hash(JsonObject? template, long? collisionCount)
    {
        var hash = Fnv32a(2166136261, Encoding.UTF8.GetBytes(Canonical(WithoutHashLabel(template))));
        if (collisionCount is { } count)
        {
            var bytes = new byte[8];
            BitConverter.TryWriteBytes(bytes.AsSpan(0, 4), (uint)count);
            hash = Fnv32a(hash, bytes);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        return string.Concat(digits.Select(c => SafeAlphabet[c % SafeAlphabet.Length]));
    }

    /// <summary>Semantic equality ignoring the pod-template-hash label (empty and missing maps/lists are equal, as in apimachinery).</summary>
    public static bool EqualIgnoreHash(JsonObject? a, JsonObject? b) =>
        Canonical(WithoutHashLabel(a)) == Canonical(WithoutHashLabel(b));

    /// <summary>A copy of the template with the pod-template-hash label set (the new ReplicaSet's template).</summary>
    public static JsonObject WithHashLabel(JsonObject? template, string hash)
    {
        var copy = template?.DeepClone().AsObject() ?? [];
        var metadata = Common.Meta.Child(copy, "metadata");
        Common.Meta.Child(metadata, "labels")[HashLabel] = hash;
        return copy;
    }

    private static JsonObject WithoutHashLabel(JsonObject? template)
    {
        var copy = template?.DeepClone().AsObject() ?? [];
        (copy["metadata"]?["labels"] as JsonObject)?.Remove(HashLabel);
        return copy;
    }

    private static uint Fnv32a(uint hash, byte[] data)
    {
        foreach (var b in data)
        {
            hash = unchecked((hash ^ b) * 16777619);
        }

        return hash;
    }

    private static string Canonical(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.Where(p => !IsEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static bool IsEmpty(JsonNode? node) => node is null or JsonObject { Count: 0 } or JsonArray { Count: 0 };
}
