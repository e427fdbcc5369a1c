using System.Text;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Protobuf;

/// <summary>
/// Decodes a <c>application/vnd.kubernetes.protobuf</c> body (the <c>k8s\0</c> magic and a runtime.Unknown envelope)
/// into JSON for the kinds in <see cref="ProtoSchemas"/>; null for any other kind.
/// </summary>
internal static class KubernetesProtobuf
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject? TryDecode(ReadOnlyMemory<byte> body)
    {
        if (body.Length < Magic.Length || !body.Span[..Magic.Length].SequenceEqual(Magic))
        {
            throw new FormatException("the body does not start with the Kubernetes protobuf magic bytes");
        }

        string apiVersion = "", kind = "";
        ReadOnlyMemory<byte> raw = default;
        var envelope = new ProtoReader(body[Magic.Length..]);
        while (!envelope.AtEnd)
        {
            var (field, wire) = envelope.ReadTag();
            switch (field)
            {
                case 1 when wire == 2:
                    var typeMeta = Message(envelope.ReadBytes(), new Dictionary<int, ProtoField> { [1] = new("apiVersion", ProtoShape.String), [2] = new("kind", ProtoShape.String) });
                    apiVersion = typeMeta["apiVersion"]?.GetValue<string>() ?? "";
                    kind = typeMeta["kind"]?.GetValue<string>() ?? "";
                    break;
                case 2 when wire == 2:
                    raw = envelope.ReadBytes();
                    break;
                default:
                    envelope.Skip(wire);
                    break;
            }
        }

        if (!ProtoSchemas.TopLevel.TryGetValue(kind, out var versions) || !versions.Contains(apiVersion) || !ProtoSchemas.Messages.TryGetValue(kind, out var schema))
        {
            return null;
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, value) in Message(raw, schema).ToList())
        {
            obj[name] = value?.DeepClone();
        }

        return obj;
    }

    private static JsonObject Message(ReadOnlyMemory<byte> bytes, IReadOnlyDictionary<int, ProtoField> schema)
    {
        var obj = new JsonObject();
        var reader = new ProtoReader(bytes);
        while (!reader.AtEnd)
        {
            var (number, wire) = reader.ReadTag();
            if (!schema.TryGetValue(number, out var field) || field.Shape == ProtoShape.Ignored)
            {
                reader.Skip(wire);
                continue;
            }

            switch (field.Shape)
            {
                case ProtoShape.Int64:
                    // Go writes every scalar; JSON omits the zero values (omitempty), so the object reads the same.
                    var whole = (long)reader.ReadVarint();
                    if (whole != 0)
                    {
                        obj[field.Name] = whole;
                    }

                    break;
                case ProtoShape.Bool:
                    obj[field.Name] = reader.ReadVarint() != 0;
                    break;
                case ProtoShape.String:
                    var text = Encoding.UTF8.GetString(reader.ReadBytes().Span);
                    if (text.Length > 0)
                    {
                        obj[field.Name] = text;
                    }

                    break;
                case ProtoShape.Bytes:
                    obj[field.Name] = Convert.ToBase64String(reader.ReadBytes().Span);
                    break;
                case ProtoShape.Message:
                    obj[field.Name] = Message(reader.ReadBytes(), ProtoSchemas.Messages[field.Message!]);
                    break;
                case ProtoShape.RepeatedString:
                    var list = obj[field.Name] as JsonArray ?? [];
                    list.Add(Encoding.UTF8.GetString(reader.ReadBytes().Span));
                    obj[field.Name] = list;
                    break;
                default:
                    var entry = Message(reader.ReadBytes(), MapEntry(field.Shape == ProtoShape.BytesMap));
                    var map = obj[field.Name] as JsonObject ?? [];
                    map[entry["key"]?.GetValue<string>() ?? ""] = entry["value"]?.DeepClone() ?? "";
                    obj[field.Name] = map;
                    break;
            }
        }

        return obj;
    }

    private static Dictionary<int, ProtoField> MapEntry(bool bytesValue) => new()
    {
        [1] = new("key", ProtoShape.String),
        [2] = new("value", bytesValue ? ProtoShape.Bytes : ProtoShape.String),
    };
}
