using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// One step of a field path, as structured-merge-diff's <c>fieldpath.PathElement</c>: a field name, the key fields of
/// a list-map item, the value of a set item, or a list index. Ordered as the real library orders them, which is the
/// order <c>FieldsV1</c> is written in.
/// </summary>
internal sealed class PathElement : IComparable<PathElement>, IEquatable<PathElement>
{
    private string? _serialized;

    private PathElement(PathElementKind kind, string? name, IReadOnlyList<KeyValuePair<string, JsonNode?>> keys, JsonNode? value, int index)
    {
        Kind = kind;
        FieldName = name;
        KeyFields = keys;
        Value = value;
        Index = index;
    }

    public PathElementKind Kind { get; }

    public string? FieldName { get; }

    /// <summary>The key fields of a <see cref="PathElementKind.Key"/> element, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> KeyFields { get; }

    public JsonNode? Value { get; }

    public int Index { get; }

    public static PathElement Field(string name) => new(PathElementKind.Field, name, [], null, 0);

    public static PathElement Key(IEnumerable<KeyValuePair<string, JsonNode?>> fields) =>
        new(PathElementKind.Key, null, [.. fields.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())).OrderBy(f => f.Key, StringComparer.Ordinal)], null, 0);

    public static PathElement ValueOf(JsonNode? value) => new(PathElementKind.Value, null, [], value?.DeepClone(), 0);

    public static PathElement At(int index) => new(PathElementKind.Index, null, [], null, index);

    /// <summary>Parses a <c>FieldsV1</c> key (<c>f:</c>, <c>k:</c>, <c>v:</c>, <c>i:</c>); null for a prefix this version does not know.</summary>
    public static PathElement? Parse(string text)
    {
        if (text.Length < 2 || text[1] != ':')
            throw new FormatException($"key must be 2 characters long, then a colon: {text}");
        var body = text[2..];
        return text[0] switch
        {
            'f' => Field(body),
            'v' => ValueOf(ParseJson(body)),
            'k' => Key(ParseJson(body) is JsonObject keys ? keys.Select(p => KeyValuePair.Create(p.Key, p.Value)) : throw new FormatException($"key is not a JSON object: {text}")),
            'i' => int.TryParse(body, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? At(i) : throw new FormatException($"index is not a number: {text}"),
            _ => null,
        };
    }

    /// <summary>The <c>FieldsV1</c> key: <c>f:name</c>, <c>k:{"name":"app"}</c>, <c>v:"x"</c> or <c>i:0</c>.</summary>
    public string Serialize() => _serialized ??= Kind switch
    {
        PathElementKind.Field => "f:" + FieldName,
        PathElementKind.Key => "k:" + GoJson.Encode(new JsonObject(KeyFields.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())))),
        PathElementKind.Value => "v:" + GoJson.Encode(Value),
        _ => "i:" + Index.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>As <c>PathElement.String()</c> prints it in conflict messages: <c>.name</c>, <c>[name="app"]</c>, <c>[="x"]</c>, <c>[0]</c>.</summary>
    public override string ToString() => Kind switch
    {
        PathElementKind.Field => "." + FieldName,
        PathElementKind.Key => "[" + string.Join(",", KeyFields.Select(f => $"{f.Key}={GoJson.Display(f.Value)}")) + "]",
        PathElementKind.Value => "[=" + GoJson.Display(Value) + "]",
        _ => "[" + Index.ToString(CultureInfo.InvariantCulture) + "]",
    };

    public int CompareTo(PathElement? other)
    {
        if (other is null)
            return 1;
        if (Kind != other.Kind)
            return Kind.CompareTo(other.Kind);
        return Kind switch
        {
            PathElementKind.Field => string.CompareOrdinal(FieldName, other.FieldName),
            PathElementKind.Key => CompareKeys(KeyFields, other.KeyFields),
            PathElementKind.Value => GoJson.Compare(Value, other.Value),
            _ => Index.CompareTo(other.Index),
        };
    }

    public bool Equals(PathElement? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is PathElement other && Equals(other);

    public override int GetHashCode() => Kind == PathElementKind.Field ? HashCode.Combine(Kind, FieldName) : HashCode.Combine(Kind, Index);

    /// <summary>A path as <c>fieldpath.Path.String()</c> prints it, e.g. <c>.spec.template.spec.containers[name="app"].image</c>.</summary>
    public static string PathText(IEnumerable<PathElement> path) => string.Concat(path.Select(p => p.ToString()));

    private static int CompareKeys(IReadOnlyList<KeyValuePair<string, JsonNode?>> left, IReadOnlyList<KeyValuePair<string, JsonNode?>> right)
    {
        for (var i = 0; ; i++)
        {
            if (i >= left.Count || i >= right.Count)
                return left.Count.CompareTo(right.Count);
            if (string.CompareOrdinal(left[i].Key, right[i].Key) is var n and not 0)
                return n;
            if (GoJson.Compare(left[i].Value, right[i].Value) is var v and not 0)
                return v;
        }
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid JSON in a path element: {text}", ex);
        }
    }
}
