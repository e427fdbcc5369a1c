using Greylane.Core.Analysis;

namespace Greylane.Core.Analysis.Tests;

/// <summary>Query outcomes as Prometheus would give them, built from its JSON.</summary>
internal static class Outcomes
{
    public static QueryOutcome Vector(params string[] values) => PrometheusResponseParser.Parse(
        200,
        """{"status":"success","data":{"resultType":"vector","result":[""" + string.Join(",", values.Select((v, i) => $$"""{"metric":{"pod":"p{{i}}"},"value":[1732600000,"{{v}}"]}""")) + "]}}");

    public static QueryOutcome Scalar(string value) => PrometheusResponseParser.Parse(
        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1732600000,\"" + value + "\"]}}");

    public static QueryOutcome Error(int status, string errorType, string error) => PrometheusResponseParser.Parse(
        status, $$"""{"status":"error","errorType":"{{errorType}}","error":"{{error}}"}""");

    /// <summary>A matrix of one series whose points are <paramref name="values"/>, 30 s apart; none gives an empty matrix.</summary>
    public static QueryOutcome Matrix(params double[] values) => PrometheusResponseParser.Parse(
        200,
        """{"status":"success","data":{"resultType":"matrix","result":["""
        + (values.Length == 0 ? "" : """{"metric":{},"values":[""" + string.Join(",", values.Select((v, i) => $"[{1732600000 + (30 * i)},\"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"]")) + "]}")
        + "]}}");
}
