using System.Globalization;
using System.Text.Json;

namespace Greylane.Core.Analysis;

/// <summary>
/// Reads an answer of Prometheus' <c>/api/v1/query</c> (HTTP status and body) into a <see cref="QueryOutcome"/>:
/// every result type, every error shape, and bodies that are not Prometheus JSON at all (a proxy's error page).
/// </summary>
public static class PrometheusResponseParser
{
    private const int ShownBodyChars = 200;

    /// <summary>The outcome of an answer with HTTP <paramref name="statusCode"/> and <paramref name="body"/>.</summary>
    public static QueryOutcome Parse(int statusCode, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String)
            {
                return Read(document.RootElement, status.GetString());
            }
        }
        catch (JsonException)
        {
            // Not JSON: described below by the HTTP status.
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return QueryOutcome.Failed(QueryFailureKind.InvalidResponse, $"Prometheus' answer is not valid query JSON: {e.Message}", statusCode);
        }

        return statusCode is >= 200 and < 300
            ? QueryOutcome.Failed(QueryFailureKind.InvalidResponse, $"the answer is not Prometheus API JSON (is --prometheus-url the Prometheus server?): {Shown(body)}", statusCode)
            : QueryOutcome.Failed(QueryFailureKind.HttpError, $"Prometheus answered HTTP {statusCode}{Hint(statusCode)}: {Shown(body)}", statusCode);
    }

    private static QueryOutcome Read(JsonElement root, string? status)
    {
        var warnings = root.TryGetProperty("warnings", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(w => w.ToString()).ToList()
            : [];
        if (status == "error")
        {
            var errorType = root.TryGetProperty("errorType", out var type) ? type.ToString() : "";
            var error = root.TryGetProperty("error", out var text) ? text.ToString() : "(no error text)";
            return QueryOutcome.Answered(PrometheusResponse.Failure(errorType, error, warnings));
        }

        if (status != "success")
        {
            throw new FormatException($"status is \"{status}\", expected \"success\" or \"error\"");
        }

        var data = Property(root, "data", JsonValueKind.Object);
        var resultType = Property(data, "resultType", JsonValueKind.String).GetString();
        var result = data.TryGetProperty("result", out var found) ? found : throw new FormatException("\"result\" is missing");
        PrometheusResult parsed = resultType switch
        {
            "vector" => new VectorResult([.. Array(result, "result").Select(Sample)]),
            "matrix" => new MatrixResult([.. Array(result, "result").Select(Series)]),
            "scalar" => new ScalarResult(Time(Pair(result)[0]), Number(Pair(result)[1])),
            "string" => new StringResult(Time(Pair(result)[0]), Pair(result)[1].GetString() ?? ""),
            _ => throw new FormatException($"resultType \"{resultType}\" is unknown (expected vector, scalar, string or matrix)"),
        };
        return QueryOutcome.Answered(PrometheusResponse.Success(parsed, warnings));
    }

    private static PrometheusSample Sample(JsonElement element)
    {
        var labels = Labels(element);
        if (element.TryGetProperty("histogram", out var histogram))
        {
            return new PrometheusSample(labels, Time(Pair(histogram)[0]), double.NaN, IsHistogram: true);
        }

        var value = Pair(Property(element, "value", JsonValueKind.Array));
        return new PrometheusSample(labels, Time(value[0]), Number(value[1]));
    }

    private static PrometheusSeries Series(JsonElement element)
    {
        var points = element.TryGetProperty("values", out var values)
            ? Array(values, "values").Select(p => Pair(p)).Select(p => new PrometheusPoint(Time(p[0]), Number(p[1]))).ToList()
            : [];

        // A series of native histograms only has "histograms"; it has no plain values to offer.
        return new PrometheusSeries(Labels(element), points);
    }

    private static Dictionary<string, string> Labels(JsonElement element) =>
        element.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object
            ? metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Prometheus writes sample values as strings so that NaN and ±Inf survive JSON.</summary>
    internal static double Number(JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number => element.GetRawText(),
            _ => throw new FormatException($"a sample value is {element.ValueKind}, expected a string"),
        };
        return text switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
            _ => throw new FormatException($"sample value \"{text}\" is not a number"),
        };
    }

    private static double Time(JsonElement element) => element.ValueKind == JsonValueKind.Number
        ? element.GetDouble()
        : throw new FormatException($"a sample time is {element.ValueKind}, expected a number");

    private static JsonElement[] Pair(JsonElement element)
    {
        var pair = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToArray() : [];
        return pair.Length == 2 ? pair : throw new FormatException($"expected a [time, value] pair, got {Shown(element.GetRawText())}");
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray()
        : throw new FormatException($"{name} is {element.ValueKind}, expected an array");

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"\"{name}\" is missing or not {(kind == JsonValueKind.Array ? "an" : "a")} {kind.ToString().ToLowerInvariant()}");

    private static string Hint(int statusCode) => statusCode switch
    {
        401 or 403 => " (check the bearer token in --prometheus-token-file)",
        404 => " (check --prometheus-url: it should be the server root, e.g. http://prometheus:9090)",
        _ => "",
    };

    private static string Shown(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= ShownBodyChars ? flat : string.Concat(flat.AsSpan(0, ShownBodyChars), "…");
    }
}
