using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy;

/// <summary>
/// Typed reads of a strategy's JSON that record every problem with its path and fix instead of stopping.
/// Paths inside <paramref name="sharedPaths"/> came from the shared ConfigMap, so their errors name that source.
/// When <paramref name="isPartial"/>, a shared strategy not at hand will complete this one, so fields that the
/// merge could still supply are not required. With <paramref name="tenancy"/>, queries are also judged as tenancy
/// scoping will send them.
/// </summary>
internal sealed class FieldReader(IReadOnlyCollection<string> sharedPaths, bool isPartial = false, TenancyCheck? tenancy = null)
{
    /// <summary>The source prefix of errors in values that came from the <c>strategy-ref</c> ConfigMap.</summary>
    public const string SharedSource = "strategy-ref";

    /// <summary>The field name of errors about the inline annotation as a whole.</summary>
    public const string InlineSource = "strategy";

    private readonly List<StrategyError> _errors = [];

    public IReadOnlyList<StrategyError> Errors => _errors;

    public bool IsPartial => isPartial;

    /// <summary>How queries are judged for tenancy, or null when they are not (the controller's own reads).</summary>
    public TenancyCheck? Tenancy => tenancy;

    public void Add(string path, string message)
    {
        var shared = sharedPaths.Any(p => StrategyPath.IsWithin(path, p));
        var field = (shared, path.Length == 0) switch
        {
            (false, true) => InlineSource,
            (true, true) => SharedSource,
            (false, false) => path,
            (true, false) => $"{SharedSource}:{path}",
        };
        _errors.Add(new StrategyError(field, message));
    }

    public void Required(string path, string fix)
    {
        // Mappings merge with the shared strategy, so a field missing outside any list may come from it; lists are replaced whole.
        if (!isPartial || path.Contains('[', StringComparison.Ordinal))
        {
            Add(path, $"required; {fix}");
        }
    }

    /// <summary>A mapping whose keys must be among <paramref name="allowed"/>; null when absent or not a mapping.</summary>
    public JsonObject? Object(JsonNode? node, string path, IReadOnlyList<string> allowed)
    {
        if (node is not JsonObject obj)
        {
            if (node is not null)
            {
                Add(path, $"expected a mapping with fields {string.Join(", ", allowed)}; got {Describe(node)}");
            }

            return null;
        }

        foreach (var (key, _) in obj)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Add(StrategyPath.Field(path, key), $"unknown field; allowed: {string.Join(", ", allowed)}");
            }
        }

        return obj;
    }

    /// <summary>A mapping of free keys (labels); null when absent or not a mapping.</summary>
    public JsonObject? Map(JsonNode? node, string path, string what) => Expect<JsonObject>(node, path, $"a mapping of {what}");

    public JsonArray? List(JsonNode? node, string path, string what) => Expect<JsonArray>(node, path, $"a list of {what}");

    public string? String(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => FailText(path, $"expected a string; got {Describe(v)}; put it in quotes: \"{Scalar(v)}\""),
        _ => FailText(path, $"expected a string; got {Describe(node)}"),
    };

    /// <summary>A non-empty string; absent or empty is an error with <paramref name="fix"/>.</summary>
    public string? RequiredString(JsonNode? node, string path, string fix)
    {
        var text = String(node, path);
        if (node is null || text is "")
        {
            Required(path, fix);
            return null;
        }

        return text;
    }

    public double? Number(JsonNode? node, string path, string fix) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && double.IsFinite(AsDouble(v)) => AsDouble(v),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Fail<double>(path, $"{Show(v)} is too large; {fix}"),
        _ => Fail<double>(path, $"expected a number; got {Describe(node)}; {fix}"),
    };

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>] (<see cref="int.MaxValue"/> for no upper bound).</summary>
    public int? Int(JsonNode? node, string path, int min, int max, string fix)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return Fail<int>(path, $"expected a whole number; got {Describe(node)}; {fix}");
        }

        var number = AsDouble(v);
        if (number != Math.Floor(number))
        {
            return Fail<int>(path, $"{Show(v)} is not a whole number; {fix}");
        }

        if (number < min || number > max)
        {
            var range = max == int.MaxValue ? $"is below {min}" : $"is outside {min}–{max}";
            return Fail<int>(path, $"{Show(v)} {range}; {fix}");
        }

        return (int)number;
    }

    public TimeSpan? Duration(JsonNode? node, string path, bool allowZero)
    {
        var text = node?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.Number => Scalar(node.AsValue()),
            JsonValueKind.String => node.GetValue<string>(),
            _ => FailText(path, $"expected a duration like 30s or 5m; got {Describe(node)}"),
        };
        if (text is null)
        {
            return null;
        }

        var shown = node!.GetValueKind() == JsonValueKind.String ? Show(node) : text;
        var (value, problem) = GoDuration.Parse(text);
        var message = problem switch
        {
            DurationProblem.NoUnit => $"{text} has no unit; write {text}s or {text}m (units: {GoDuration.Units})",
            DurationProblem.NotADuration => $"{shown} is not a duration; write a number and a unit ({GoDuration.Units}), e.g. 30s, 5m or 1h30m",
            DurationProblem.Negative => $"{shown} is negative; use a duration of {(allowZero ? "0s or more" : "more than 0s")}, e.g. 30s",
            DurationProblem.TooLong => $"{shown} is too long; use at most 2562047h",
            _ when value == TimeSpan.Zero && !allowZero => $"{shown} is zero; use a duration of more than 0s, e.g. 30s",
            _ => null,
        };
        return message is null ? value : Fail<TimeSpan>(path, message);
    }

    /// <summary>How a value reads in a message: strings JSON-quoted, long ones cut short.</summary>
    public static string Show(JsonNode? node)
    {
        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? Scalar(v) : node?.ToJsonString(ReadableJson.Options) ?? "null";
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "…");
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {Show(node)}",
            JsonValueKind.Number => $"the number {Show(node)}",
            _ => Show(node),
        },
    };

    // YAML numbers arrive as long or double (a huge one as infinity, which JSON cannot write), JSON ones as JsonElement.
    private static double AsDouble(JsonValue value) =>
        value.TryGetValue<double>(out var real) ? real
        : value.TryGetValue<long>(out var whole) ? whole
        : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    // The text of a scalar, safe for the infinities that ToJsonString throws on.
    private static string Scalar(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && AsDouble(value) is var number && !double.IsFinite(number)
            ? (number > 0 ? "infinity" : "-infinity")
            : value.ToJsonString(ReadableJson.Options);

    private T? Expect<T>(JsonNode? node, string path, string what)
        where T : JsonNode
    {
        if (node is null or T)
        {
            return node as T;
        }

        Add(path, $"expected {what}; got {Describe(node)}");
        return null;
    }

    private T? Fail<T>(string path, string message)
        where T : struct
    {
        Add(path, message);
        return null;
    }

    private string? FailText(string path, string message)
    {
        Add(path, message);
        return null;
    }
}
