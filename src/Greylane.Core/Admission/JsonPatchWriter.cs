using Greylane.Core.Serialization;

namespace Greylane.Core.Admission;

/// <summary>Writes a patch as the RFC 6902 JSON array the API server applies.</summary>
public static class JsonPatchWriter
{
    /// <summary>The UTF-8 JSON of <paramref name="operations"/>.</summary>
    public static byte[] ToUtf8(IReadOnlyList<PatchOperation> operations)
    {
        using var scratch = ScratchJson.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        foreach (var operation in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("op", operation.Op);
            writer.WriteString("path", operation.Path);
            if (operation.HasValue)
            {
                writer.WritePropertyName("value");
                if (operation.Value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    operation.Value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        return scratch.Written.ToArray();
    }
}
