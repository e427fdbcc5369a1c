using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

/// <summary>One folder of <c>Traffic/Fixtures</c>: <c>case.yaml</c> (target, step, expectations), <c>input.yaml</c>, <c>expected.yaml</c>.</summary>
internal sealed class FixtureCase(string name)
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Traffic", "Fixtures");

    public string Name { get; } = name;

    public JsonObject Case { get; } = Load(name, "case.yaml").Single()!.AsObject();

    public IReadOnlyList<JsonObject> Input => [.. Load(Name, "input.yaml").OfType<JsonObject>()];

    public JsonArray Expected => new([.. Load(Name, "expected.yaml").Select(n => n?.DeepClone())]);

    public string Operation => (string)Case["operation"]!;

    public TrafficTarget Target
    {
        get
        {
            var t = Case["target"]!;
            var lane = t["lane"] is JsonObject l
                ? new LaneSpec((string)l["header"]!, (string)l["value"]!, l["dye"] is JsonObject d
                    ? new DyeSpec((string)d["fromHeader"]!, (string)d["fromValue"]!, (string)d["otherwiseValue"]!)
                    : null)
                : null;
            return new TrafficTarget(
                (string)t["namespace"]!,
                (string)t["deployment"]!,
                (string)t["service"]!,
                Map(t["canaryLabels"]),
                Map(t["templateLabels"]),
                (string?)t["canarySubset"] ?? "canary",
                lane,
                (string?)t["canaryService"]);
        }
    }

    public StepSpec Step
    {
        get
        {
            var s = Case["step"];
            return new StepSpec(
                ReplicaCount.Of(1),
                s?["weight"] is JsonValue w ? (int)w.GetValue<long>() : null,
                [.. (s?["matches"] as JsonArray ?? []).Select(m => new MatchSpec(Conditions(m!["headers"]), Conditions(m["queryParams"]), m["path"] is JsonObject p ? Condition(p) : null))],
                PauseSpec.Manual,
                []);
        }
    }

    public static IEnumerable<string> Names(string prefix) =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public string? String(string key) => (string?)Case[key];

    public IReadOnlyList<string> Strings(string key) => [.. (Case[key] as JsonArray ?? []).Select(n => (string)n!)];

    private static IReadOnlyList<JsonNode?> Load(string name, string file)
    {
        var path = Path.Combine(Root, name, file);
        return File.Exists(path) ? YamlJson.ParseAll(File.ReadAllText(path)) : [];
    }

    private static Dictionary<string, string> Map(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);

    private static List<StringMatchSpec> Conditions(JsonNode? node) => [.. (node as JsonArray ?? []).Select(c => Condition(c!.AsObject()))];

    private static StringMatchSpec Condition(JsonObject c) => new(
        (string?)c["name"] ?? "",
        (string)c["value"]!,
        (string?)c["type"] switch
        {
            "Prefix" => MatchKind.Prefix,
            "RegularExpression" => MatchKind.RegularExpression,
            _ => MatchKind.Exact,
        });
}
