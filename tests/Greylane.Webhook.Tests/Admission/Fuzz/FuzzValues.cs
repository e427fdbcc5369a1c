using System.Text;
using System.Text.Json.Nodes;

namespace Greylane.Webhook.Admission.Fuzz.Tests;

/// <summary>The odd values a fuzzed review is made of: wrong types, edge numbers, hostile strings, broken strategies and regexes.</summary>
internal sealed class FuzzValues(Random random)
{
    /// <summary>Replaced in the serialized text by a lone surrogate escape (JsonNode cannot write one).</summary>
    public const string SurrogateMarker = "zzSURROGATEzz";

    /// <summary>Replaced in the serialized bytes by bytes that are not UTF-8.</summary>
    public const string BadUtf8Marker = "zzBADUTF8zz";

    private static readonly string[] Numbers = ["0", "-1", "1.5", "1e400", "-1e400", "99999999999999999999999", "2147483648", "1e-400", "3.0", "-0"];

    private static readonly string[] Strategies =
    [
        "\t\t: x", "steps: [{replicas: 1", "steps: [{replicas: 1, weight: 150}]", "a: &a [*a]", "a: &x 1\nb: *x", "!<> steps", "%YAML 9.9\n---\nsteps: []",
        "steps: [{matches: [{headers: [{name: x, type: RegularExpression, value: 'REGEX'}]}]}]",
        "{\"steps\":[{\"replicas\":\"50%\",\"matches\":[{\"path\":{\"type\":\"RegularExpression\",\"value\":\"REGEX\"}}]}]}",
        "steps:\n  - replicas: 1\n    matches: [{queryParams: [{name: q, type: RegularExpression, value: \"REGEX\"}]}]",
        "canaryLabels: {version: 1e400}", "progressDeadline: 1e400", "steps: " + new string('[', 300) + new string(']', 300), "---\n---\n", "? [a]\n: b",
        "steps: [{replicas: 1}]\nsteps: [{replicas: 2}]", "analysis: {metrics: [{name: m, query: 'up{', min: 1}]}", "",
    ];

    private static readonly string[] RegexPieces =
    [
        "a", ".", "^", "$", "|", "(", ")", "(?:", "(?i)", "(?P<n>", "(?<n>", "(?<a-b>", "*", "+", "?", "{2}", "{1001}", "{1000}", "{0,3}", "[", "]",
        "[^", "a-z", "-[", "\\d", "\\pL", "\\p{Greek}", "\\p{IsGreek}", "\\b", "\\Z", "\\G", "\\Q", "\\E", "\\x{263A}", "\\1", "\\k<n>", "\\",
        "[:alpha:]", "(?=", "(?<=", "(?>", "(?x)", "((a{1000}){1000}){1000}", "\\pL{28}", "é", "日", "\\C", "++",
    ];

    public int Next(int max) => random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Any JSON value, mostly of a type the field does not expect.</summary>
    public JsonNode? Value() => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonNode.Parse(Pick(Numbers)),
        3 => new JsonArray(JsonValue.Create("x"), JsonValue.Create(1)),
        4 => new JsonObject { ["n"] = 3 },
        5 => Nested(random.Next(20, 200)),
        _ => JsonValue.Create(Text()),
    };

    /// <summary>A string: plain, with control characters, markers for surrogates or bad UTF-8, or very long.</summary>
    public string Text() => random.Next(8) switch
    {
        0 => SurrogateMarker,
        1 => "x" + BadUtf8Marker,
        2 => "\u0000\u0001\u001f\u007f\u2028",
        3 => new string('x', random.Next(1000, 70_000)),
        4 => "UPDATE",
        5 => Strategy(),
        _ => "canary",
    };

    /// <summary>A strategy annotation: broken YAML, odd values, random regular expressions in matches.</summary>
    public string Strategy()
    {
        var text = Pick(Strategies).Replace("REGEX", Regex().Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal);
        return random.Next(4) == 0 && text.Length > 0 ? text.Insert(random.Next(text.Length), Pick(["\t", "\"", "'", "&x ", "*x", ": ", "\n  -"])) : text;
    }

    public string Regex()
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 8); i > 0; i--)
        {
            text.Append(Pick(RegexPieces));
        }

        return text.ToString();
    }

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }
}
