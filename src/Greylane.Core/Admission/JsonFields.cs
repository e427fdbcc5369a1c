using System.Text.Json;

namespace Greylane.Core.Admission;

/// <summary>
/// Typed reads of an object's fields for admission: a field of the wrong JSON type is a problem that names its path
/// and the type expected (the first problem is kept), never an exception from <see cref="JsonElement"/>.
/// </summary>
public sealed class JsonFields(string where)
{
    /// <summary>The first problem found, e.g. <c>request.object.spec.replicas is a string ("3"); expected an integer</c>.</summary>
    public string? Problem { get; private set; }

    /// <summary>Records <paramref name="problem"/> unless an earlier one is kept.</summary>
    public void Report(string problem) => Problem ??= problem;

    /// <summary>The object at <paramref name="path"/> (its last segment is the member of <paramref name="parent"/>); null when absent or not an object.</summary>
    public JsonElement? Object(JsonElement parent, string path, bool required)
    {
        var value = Field(parent, path, required);
        return value is null || Expect(value.Value, JsonValueKind.Object, path, "an object") ? value : null;
    }

    /// <summary>A map whose values are all strings (labels, annotations); null when absent or not one.</summary>
    public JsonElement? StringMap(JsonElement parent, string path)
    {
        var map = Field(parent, path, required: false);
        if (map is not { } m || !Expect(m, JsonValueKind.Object, path, "a map of strings"))
        {
            return null;
        }

        foreach (var entry in m.EnumerateObject())
        {
            // The entry's path is built only for the message: maps are read on every review.
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                Fail($"{path}[{entry.Name}]", entry.Value, "a string");
                return null;
            }
        }

        return map;
    }

    /// <summary>An optional string.</summary>
    public string? Text(JsonElement parent, string path)
    {
        var value = Field(parent, path, required: false);
        return value is { } v && Expect(v, JsonValueKind.String, path, "a string") ? v.GetString() : null;
    }

    /// <summary>An optional boolean; false when absent.</summary>
    public bool Flag(JsonElement parent, string path)
    {
        var value = Field(parent, path, required: false);
        switch (value?.ValueKind)
        {
            case null:
                return false;
            case JsonValueKind.True or JsonValueKind.False:
                return value.Value.ValueKind == JsonValueKind.True;
            default:
                Fail(path, value.Value, "true or false");
                return false;
        }
    }

    /// <summary>A 32-bit integer, as Kubernetes' int32 fields are; null when absent or not one (then a problem).</summary>
    public int? Int32(JsonElement parent, string path)
    {
        var value = Field(parent, path, required: false);
        if (value is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var number))
        {
            return number;
        }

        if (value is { } other)
        {
            Fail(path, other, "an integer (int32)");
        }

        return null;
    }

    /// <summary>How a value reads in a message: <c>a string ("3")</c>, <c>a number (1.5)</c>, <c>an array</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"a string ({Raw(value)})",
        JsonValueKind.Number => $"a number ({Raw(value)})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({value.GetRawText()})",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    // The text as written, cut short; a string that is not Unicode text (the webhook answers those first) is not shown.
    private static string Raw(JsonElement value)
    {
        try
        {
            var raw = value.GetRawText();
            return raw.Length <= 40 ? raw : string.Concat(raw.AsSpan(0, 39), "…");
        }
        catch (InvalidOperationException)
        {
            return "not Unicode text";
        }
    }

    // The last segment of a dotted path (nested names stay in the path only).
    private JsonElement? Field(JsonElement parent, string path, bool required)
    {
        var name = path.AsSpan(path.LastIndexOf('.') + 1);
        if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Problem ??= $"{where}.{path} is missing";
        }

        return null;
    }

    private bool Expect(JsonElement value, JsonValueKind kind, string path, string expected)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Fail(path, value, expected);
        return false;
    }

    private void Fail(string path, JsonElement value, string expected) =>
        Problem ??= $"{where}.{path} is {Describe(value)}; expected {expected}";
}
