using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Greylane.Core.Serialization;

namespace Greylane.Core.Release;

/// <summary>A short hash of a pod template that names a release: equal for equal templates whatever their key order.</summary>
public static class TemplateHash
{
    /// <summary>Hex characters in a hash (40 bits: collisions between one Deployment's templates are out of reach).</summary>
    public const int Length = 10;

    /// <summary>
    /// The first <see cref="Length"/> hex digits of SHA-256 over the template's canonical JSON: object keys in
    /// ordinal order, nulls dropped, and the fields Kubernetes itself writes into a template left out.
    /// Server-side defaults need no special care: old and new template come from the same API server, both defaulted.
    /// </summary>
    public static string Compute(JsonElement template)
    {
        using var scratch = ScratchJson.Rent();
        WriteCanonical(scratch.Writer, template, TemplatePath.Root);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(scratch.Written, digest);
        return Convert.ToHexStringLower(digest[..(Length / 2)]);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element, TemplatePath path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, element, path);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item, TemplatePath.Other);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement element, TemplatePath path)
    {
        var rented = ArrayPool<JsonProperty>.Shared.Rent(element.GetPropertyCount());
        try
        {
            var count = 0;
            var plain = true;
            foreach (var property in element.EnumerateObject())
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(property);
                plain &= IsPlain(name);
                if (property.Value.ValueKind is not JsonValueKind.Null && !IsIgnored(path, property, name))
                {
                    rented[count++] = property;
                }
            }

            var properties = rented.AsSpan(0, count);
            if (plain)
            {
                properties.Sort(ByRawName);
            }
            else
            {
                properties.Sort(ByName);
            }

            writer.WriteStartObject();
            foreach (var property in properties)
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(property);
                if (plain)
                {
                    writer.WritePropertyName(name);
                }
                else
                {
                    writer.WritePropertyName(property.Name);
                }

                WriteCanonical(writer, property.Value, path.Child(property, name));
            }

            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(rented, clearArray: true);
        }
    }

    // ASCII without escapes: the raw bytes are the name itself, and ordinal order of its UTF-16 string is byte order.
    // Any other name (escaped, or beyond ASCII, where UTF-16 and UTF-8 order differ) is compared as a string.
    private static bool IsPlain(ReadOnlySpan<byte> name) => !name.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) && !name.Contains((byte)'\\');

    private static readonly Comparison<JsonProperty> ByRawName = static (a, b) =>
        JsonMarshal.GetRawUtf8PropertyName(a).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(b));

    private static readonly Comparison<JsonProperty> ByName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);

    // The Deployment controller adds pod-template-hash to the template labels of the ReplicaSets it makes (and tools
    // that copy a ReplicaSet's template back carry it); creationTimestamp appears as null or a time in copied templates.
    private static bool IsIgnored(TemplatePath path, JsonProperty property, ReadOnlySpan<byte> raw) => path switch
    {
        TemplatePath.Metadata => Is(property, raw, "creationTimestamp"u8),
        TemplatePath.Labels => Is(property, raw, "pod-template-hash"u8),
        _ => false,
    };

    private static bool Is(JsonProperty property, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name) =>
        raw.Contains((byte)'\\') ? property.NameEquals(name) : raw.SequenceEqual(name);

    private enum TemplatePath
    {
        Root,
        Metadata,
        Labels,
        Other,
    }

    private static TemplatePath Child(this TemplatePath path, JsonProperty property, ReadOnlySpan<byte> raw) => path switch
    {
        TemplatePath.Root when Is(property, raw, "metadata"u8) => TemplatePath.Metadata,
        TemplatePath.Metadata when Is(property, raw, "labels"u8) => TemplatePath.Labels,
        _ => TemplatePath.Other,
    };
}
