using System.Globalization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>An RFC 6901 JSON pointer: <c>""</c> is the whole document, <c>/a/0/b~1c</c> walks members and indexes.</summary>
internal sealed record JsonPointer(string Text, IReadOnlyList<string> Tokens)
{
    public bool IsRoot => Tokens.Count == 0;

    public string Last => Tokens[^1];

    /// <summary>Parses a pointer; <c>~1</c> is <c>/</c> and <c>~0</c> is <c>~</c>, any other <c>~</c> is malformed.</summary>
    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
            return new JsonPointer(text, []);
        if (text[0] != '/')
            throw PatchException.Unprocessable($"JSON pointer \"{text}\" must be empty or start with '/'");
        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            for (var i = raw.IndexOf('~', StringComparison.Ordinal); i >= 0; i = raw.IndexOf('~', i + 1))
            {
                if (i + 1 >= raw.Length || raw[i + 1] is not ('0' or '1'))
                    throw PatchException.Unprocessable($"JSON pointer \"{text}\" has an invalid escape: '~' must be followed by '0' or '1'");
            }

            tokens.Add(raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return new JsonPointer(text, tokens);
    }

    /// <summary>Whether <paramref name="other"/> lies strictly inside this location.</summary>
    public bool IsProperPrefixOf(JsonPointer other) =>
        other.Tokens.Count > Tokens.Count && Tokens.Select((t, i) => t == other.Tokens[i]).All(x => x);

    /// <summary>The container holding the last token, or null when a step is missing.</summary>
    public JsonNode? Parent(JsonNode root)
    {
        var node = root;
        for (var i = 0; i < Tokens.Count - 1 && node is not null; i++)
            node = Child(node, Tokens[i]);
        return node;
    }

    /// <summary>The value at this pointer; <paramref name="found"/> distinguishes a JSON null from a missing member.</summary>
    public JsonNode? Resolve(JsonNode root, out bool found)
    {
        found = true;
        if (IsRoot)
            return root;
        var parent = Parent(root);
        switch (parent)
        {
            case JsonObject obj when obj.TryGetPropertyValue(Last, out var value):
                return value;
            case JsonArray array when TryIndex(Last, array.Count - 1, out var index):
                return array[index];
            default:
                found = false;
                return null;
        }
    }

    /// <summary>An array index per RFC 6901: digits without a leading zero, at most <paramref name="max"/>.</summary>
    public static bool TryIndex(string token, int max, out int index)
    {
        index = -1;
        var digits = token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');
        return digits && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max;
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(token, out var value) ? value : null,
        JsonArray array => TryIndex(token, array.Count - 1, out var index) ? array[index] : null,
        _ => null,
    };
}
