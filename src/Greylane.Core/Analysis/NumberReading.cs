using System.Globalization;

namespace Greylane.Core.Analysis;

/// <summary>One number read from a query outcome, or why there is none.</summary>
internal sealed record NumberReading(double? Value, InconclusiveReason? Reason, string Message, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// The single finite number of <paramref name="outcome"/>: a scalar, or a vector of exactly one sample. Everything
    /// else (no data, NaN, ±Inf, several series, strings, matrices, histograms, errors, no answer) has a reason.
    /// </summary>
    public static NumberReading From(QueryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Failure is { } failure)
        {
            var reason = failure.Kind == QueryFailureKind.NotConfigured ? InconclusiveReason.NotConfigured : InconclusiveReason.NoAnswer;
            return Without(reason, failure.Message, []);
        }

        var response = outcome.Response!;
        if (!response.IsSuccess)
        {
            return response.ErrorType == PrometheusErrorType.BadData
                ? Without(InconclusiveReason.QueryRejected, $"Prometheus rejected the query (bad_data): {response.Error}", response.Warnings)
                : Without(InconclusiveReason.PrometheusError, $"Prometheus error ({response.RawErrorType}): {response.Error}", response.Warnings);
        }

        return response.Result switch
        {
            ScalarResult scalar => Of(scalar.Value, response.Warnings),
            VectorResult { Samples.Count: 0 } => Without(
                InconclusiveReason.NoData,
                "no data: the query returned no series (is the canary getting traffic, and do the metric and labels exist?)",
                response.Warnings),
            VectorResult { Samples: [{ IsHistogram: true }] } => Without(
                InconclusiveReason.NotANumberType,
                "the query returned a native histogram, not a number: use histogram_quantile(...) or histogram_count(...)",
                response.Warnings),
            VectorResult { Samples: [var sample] } => Of(sample.Value, response.Warnings),
            VectorResult vector => Without(
                InconclusiveReason.SeveralSeries,
                $"the query returned {vector.Samples.Count} series, need exactly one: aggregate them, e.g. with sum(...) or max(...)",
                response.Warnings),
            MatrixResult => Without(
                InconclusiveReason.NotANumberType,
                "the query returned a range vector (matrix), need one number: wrap the range selector in a function such as rate(...)",
                response.Warnings),
            StringResult => Without(InconclusiveReason.NotANumberType, "the query returned a string, need a number", response.Warnings),
            _ => Without(InconclusiveReason.NoAnswer, "Prometheus' answer has no result", response.Warnings),
        };
    }

    /// <summary>A number as measurements show it: invariant, up to six significant digits.</summary>
    public static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static NumberReading Of(double value, IReadOnlyList<string> warnings) => value switch
    {
        double.NaN => Without(InconclusiveReason.NotANumber, "the value is NaN (often 0/0: no requests in the window)", warnings),
        double.PositiveInfinity => Without(InconclusiveReason.Infinite, "the value is +Inf (often a division by zero)", warnings),
        double.NegativeInfinity => Without(InconclusiveReason.Infinite, "the value is -Inf (often a division by zero)", warnings),
        _ => new NumberReading(value, null, Show(value), warnings),
    };

    private static NumberReading Without(InconclusiveReason reason, string message, IReadOnlyList<string> warnings) =>
        new(null, reason, message, warnings);
}
