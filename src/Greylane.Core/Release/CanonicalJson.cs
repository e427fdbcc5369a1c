using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace Greylane.Core.Release;

/// <summary>
/// Writes a template's canonical JSON (keys in ordinal order, nulls and Kubernetes' own fields left out) exactly as
/// a compact <see cref="Utf8JsonWriter"/> with the default encoder writes it. Plain text (printable ASCII the writer
/// never escapes, no escapes in the input) is copied as it is; anything else goes through a writer, so the bytes, and
/// the hashes that name releases, stay what they were. One per thread, reused.
/// </summary>
internal sealed class CanonicalJson
{
    // A buffer grown past this by an unusually large template is let go rather than kept for the thread's lifetime.
    private const int KeptBytes = 64 * 1024;
    private const int KeptProperties = 1024;

    [ThreadStatic]
    private static CanonicalJson? _free;

    private static readonly SearchValues<byte> Escaped = SearchValues.Create("\"&'+<>\\`"u8);

    private static readonly Comparison<JsonProperty> ByRawName = static (a, b) =>
        JsonMarshal.GetRawUtf8PropertyName(a).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(b));

    private static readonly Comparison<JsonProperty> ByName = static (a, b) => string.CompareOrdinal(a.Name, b.Name);

    private readonly ArrayBufferWriter<byte> _escaped = new(256);
    private readonly Utf8JsonWriter _escaper;
    private byte[] _bytes = new byte[4096];
    private int _length;
    private JsonProperty[] _properties = new JsonProperty[64];
    private int _top;

    private CanonicalJson() => _escaper = new Utf8JsonWriter(_escaped, new JsonWriterOptions { SkipValidation = true });

    /// <summary>Which fields Kubernetes itself writes at a place in the template (and the hash leaves out).</summary>
    private enum TemplatePath
    {
        Root,
        Metadata,
        Labels,
        Other,
    }

    /// <summary>Writes the canonical text of <paramref name="template"/> and its SHA-256 into <paramref name="digest"/>.</summary>
    public static void Sha256(JsonElement template, Span<byte> digest)
    {
        var canonical = _free ?? new CanonicalJson();
        _free = null; // taken while in use; one that threw is not reused
        canonical._length = 0;
        canonical._top = 0;
        canonical.Write(template, TemplatePath.Root);
        SHA256.HashData(canonical._bytes.AsSpan(0, canonical._length), digest);
        if (canonical._bytes.Length <= KeptBytes && canonical._properties.Length <= KeptProperties)
        {
            _free = canonical;
        }
    }

    // Bytes Utf8JsonWriter copies unchanged with its default encoder: printable ASCII but " & ' + < > \ and `.
    private static bool IsPlain(ReadOnlySpan<byte> text) =>
        !text.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) && !text.ContainsAny(Escaped);

    // ASCII without escapes: ordinal order of the name as a UTF-16 string is the order of its bytes.
    private static bool SortsByBytes(ReadOnlySpan<byte> name) =>
        !name.ContainsAnyExceptInRange((byte)0x00, (byte)0x7F) && !name.Contains((byte)'\\');


    private void Write(JsonElement element, TemplatePath path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, path);
                break;
            case JsonValueKind.Array:
                Append((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        Append((byte)',');
                    }

                    first = false;
                    Write(item, TemplatePath.Other);
                }

                Append((byte)']');
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (IsPlain(raw[1..^1]))
                {
                    Append(raw);
                }
                else
                {
                    _escaper.Reset();
                    element.WriteTo(_escaper);
                    AppendEscaped();
                }

                break;
            default:
                // Numbers as written, true, false, null: Utf8JsonWriter copies these too.
                Append(JsonMarshal.GetRawUtf8Value(element));
                break;
        }
    }

    private void WriteObject(JsonElement element, TemplatePath path)
    {
        // The properties of every object on the way down share one array as a stack: this object's are above its
        // parent's, and are cleared (they hold the document) when it is written.
        var start = _top;
        EnsureProperties(start + element.GetPropertyCount());
        var byBytes = true;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            byBytes &= SortsByBytes(name);
            if (property.Value.ValueKind is not JsonValueKind.Null && !IsIgnored(path, property, name))
            {
                _properties[_top++] = property;
            }
        }

        var properties = _properties.AsSpan(start, _top - start);
        properties.Sort(byBytes ? ByRawName : ByName);
        Append((byte)'{');
        for (var i = 0; i < properties.Length; i++)
        {
            if (i > 0)
            {
                Append((byte)',');
            }

            var name = JsonMarshal.GetRawUtf8PropertyName(properties[i]);
            WriteName(properties[i], name);
            Append((byte)':');
            Write(properties[i].Value, Child(path, properties[i], name));
        }

        Append((byte)'}');
        Array.Clear(_properties, start, properties.Length); // the array in use now, should a child have grown it
        _top = start;
    }

    private void EnsureProperties(int count)
    {
        if (count > _properties.Length)
        {
            Array.Resize(ref _properties, Math.Max(count, _properties.Length * 2));
        }
    }

    private void WriteName(JsonProperty property, ReadOnlySpan<byte> raw)
    {
        if (IsPlain(raw))
        {
            Append((byte)'"');
            Append(raw);
            Append((byte)'"');
            return;
        }

        // A name is escaped as a string value is.
        _escaper.Reset();
        _escaper.WriteStringValue(property.Name);
        AppendEscaped();
    }

    private void AppendEscaped()
    {
        _escaper.Flush();
        Append(_escaped.WrittenSpan);
        _escaped.ResetWrittenCount();
    }

    private void Append(byte value)
    {
        if (_length == _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }

        _bytes[_length++] = value;
    }

    private void Append(ReadOnlySpan<byte> value)
    {
        if (_length + value.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + value.Length));
        }

        value.CopyTo(_bytes.AsSpan(_length));
        _length += value.Length;
    }

    // The Deployment controller adds pod-template-hash to the template labels of the ReplicaSets it makes (and tools
    // that copy a ReplicaSet's template back carry it); creationTimestamp appears as null or a time in copied templates.
    private static bool IsIgnored(TemplatePath path, JsonProperty property, ReadOnlySpan<byte> raw) => path switch
    {
        TemplatePath.Metadata => Is(property, raw, "creationTimestamp"u8),
        TemplatePath.Labels => Is(property, raw, "pod-template-hash"u8),
        _ => false,
    };

    private static TemplatePath Child(TemplatePath path, JsonProperty property, ReadOnlySpan<byte> raw) => path switch
    {
        TemplatePath.Root when Is(property, raw, "metadata"u8) => TemplatePath.Metadata,
        TemplatePath.Metadata when Is(property, raw, "labels"u8) => TemplatePath.Labels,
        _ => TemplatePath.Other,
    };

    private static bool Is(JsonProperty property, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> name) =>
        raw.Contains((byte)'\\') ? property.NameEquals(name) : raw.SequenceEqual(name);
}
