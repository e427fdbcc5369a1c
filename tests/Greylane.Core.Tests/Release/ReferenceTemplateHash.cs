using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Greylane.Core.Release.Tests;

/// <summary>The first TemplateHash, kept as the reference the faster one must agree with byte for byte.</summary>
internal static class ReferenceTemplateHash
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
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            WriteCanonical(writer, template, TemplatePath.Root);
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, digest);
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
        var properties = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is not JsonValueKind.Null && !IsIgnored(path, property.Name))
            {
                properties.Add(property);
            }
        }

        properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        writer.WriteStartObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            WriteCanonical(writer, property.Value, path.Child(property.Name));
        }

        writer.WriteEndObject();
    }

    // The Deployment controller adds pod-template-hash to the template labels of the ReplicaSets it makes (and tools
    // that copy a ReplicaSet's template back carry it); creationTimestamp appears as null or a time in copied templates.
    private static bool IsIgnored(TemplatePath path, string name) => path switch
    {
        TemplatePath.Metadata => name == "creationTimestamp",
        TemplatePath.Labels => name == "pod-template-hash",
        _ => false,
    };

    private enum TemplatePath
    {
        Root,
        Metadata,
        Labels,
        Other,
    }

    private static TemplatePath Child(this TemplatePath path, string name) => (path, name) switch
    {
        (TemplatePath.Root, "metadata") => TemplatePath.Metadata,
        (TemplatePath.Metadata, "labels") => TemplatePath.Labels,
        _ => TemplatePath.Other,
    };
}
