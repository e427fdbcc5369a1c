namespace Greylane.Core.Analysis;

/// <summary>The per-interval samples of one side read from a range query's outcome (a matrix of one series), or why there are none.</summary>
internal sealed record SampleReading(IReadOnlyList<double> Values, InconclusiveReason? Reason, string Message)
{
    /// <summary>
    /// The finite values of the single series of <paramref name="outcome"/>; NaN points (intervals without requests)
    /// are left out. No series is no data; several series need aggregating; errors are read as for instant queries.
    /// </summary>
    public static SampleReading From(QueryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Failure is not null || outcome.Response is not { IsSuccess: true })
        {
            var reading = NumberReading.From(outcome);
            return new SampleReading([], reading.Reason, reading.Message);
        }

        return outcome.Response.Result switch
        {
            MatrixResult { Series.Count: 0 } => new SampleReading(
                [],
                InconclusiveReason.NoData,
                "no data: the query returned no series (is it getting traffic, and do the metric and labels exist?)"),
            MatrixResult { Series: [var series] } => new SampleReading(
                [.. series.Values.Select(p => p.Value).Where(double.IsFinite)],
                null,
                ""),
            MatrixResult matrix => new SampleReading(
                [],
                InconclusiveReason.SeveralSeries,
                $"the query returned {matrix.Series.Count} series, need exactly one: aggregate them, e.g. with sum(...) or max(...)"),
            _ => new SampleReading([], InconclusiveReason.NotANumberType, "a range query should return a matrix"),
        };
    }

    /// <summary>The median of <paramref name="values"/> (non-empty).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
