using Greylane.Core.Analysis;

namespace Greylane.Core.Analysis.Tests;

public sealed class PrometheusResponseParserTests
{
    [Fact]
    public void A_vector_keeps_every_series_with_labels_time_and_value()
    {
        const string body = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"mocka","instance":"10.0.0.1:8000"},"value":[1732600000.123,"1"]},
              {"metric":{"job":"mockb"},"value":[1732600000.123,"0.25"]}]}}
            """;

        var result = Assert.IsType<VectorResult>(Answer(body).Result);

        Assert.Equal(2, result.Samples.Count);
        Assert.Equal("mocka", result.Samples[0].Labels["job"]);
        Assert.Equal(1732600000.123, result.Samples[0].Time);
        Assert.Equal(1.0, result.Samples[0].Value);
        Assert.Equal(0.25, result.Samples[1].Value);
    }

    [Fact]
    public void An_empty_vector_has_no_samples()
    {
        var result = Assert.IsType<VectorResult>(Answer("""{"status":"success","data":{"resultType":"vector","result":[]}}""").Result);

        Assert.Empty(result.Samples);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("1e+06", 1e6)]
    [InlineData("-0.5", -0.5)]
    [InlineData("0", 0.0)]
    public void Scalar_values_are_read_from_prometheus_strings(string text, double expected)
    {
        var result = Assert.IsType<ScalarResult>(Answer("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1732600000,\"" + text + "\"]}}").Result);

        Assert.Equal(expected, result.Value);
        Assert.Equal(1732600000, result.Time);
    }

    [Fact]
    public void A_string_result_keeps_its_text()
    {
        var result = Assert.IsType<StringResult>(Answer("""{"status":"success","data":{"resultType":"string","result":[1732600000,"hello"]}}""").Result);

        Assert.Equal("hello", result.Value);
    }

    [Fact]
    public void A_matrix_keeps_every_point_of_every_series()
    {
        const string body = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"code":"200"},"values":[[1732600000,"1"],[1732600015,"NaN"],[1732600030,"3"]]}]}}
            """;

        var series = Assert.Single(Assert.IsType<MatrixResult>(Answer(body).Result).Series);

        Assert.Equal("200", series.Labels["code"]);
        Assert.Equal([1.0, double.NaN, 3.0], series.Values.Select(p => p.Value));
        Assert.Equal(1732600015, series.Values[1].Time);
    }

    [Fact]
    public void A_native_histogram_sample_is_marked_and_has_no_value()
    {
        const string body = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{},"histogram":[1732600000,{"count":"10","sum":"3.5","buckets":[[0,"0.5","1","10"]]}]}]}}
            """;

        var sample = Assert.Single(Assert.IsType<VectorResult>(Answer(body).Result).Samples);

        Assert.True(sample.IsHistogram);
        Assert.True(double.IsNaN(sample.Value));
    }

    [Fact]
    public void Warnings_are_kept_on_success()
    {
        const string body = """{"status":"success","warnings":["PromQL info: metric might not be a counter"],"data":{"resultType":"vector","result":[]}}""";

        Assert.Equal(["PromQL info: metric might not be a counter"], Answer(body).Warnings);
    }

    [Theory]
    [InlineData(400, "bad_data", PrometheusErrorType.BadData)]
    [InlineData(503, "timeout", PrometheusErrorType.Timeout)]
    [InlineData(503, "canceled", PrometheusErrorType.Canceled)]
    [InlineData(422, "execution", PrometheusErrorType.Execution)]
    [InlineData(500, "internal", PrometheusErrorType.Internal)]
    [InlineData(503, "unavailable", PrometheusErrorType.Unavailable)]
    [InlineData(404, "not_found", PrometheusErrorType.NotFound)]
    [InlineData(500, "brand_new", PrometheusErrorType.Other)]
    public void Every_error_type_is_read_with_prometheus_own_text(int status, string errorType, PrometheusErrorType expected)
    {
        var body = $$"""{"status":"error","errorType":"{{errorType}}","error":"something about {{errorType}}","warnings":["w1"]}""";

        var response = Answer(body, status);

        Assert.False(response.IsSuccess);
        Assert.Equal(expected, response.ErrorType);
        Assert.Equal(errorType, response.RawErrorType);
        Assert.Equal($"something about {errorType}", response.Error);
        Assert.Equal(["w1"], response.Warnings);
    }

    [Fact]
    public void The_real_bad_data_answer_of_prometheus_is_read()
    {
        const string body = """{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:14: parse error: unexpected \"}\" in label matching, expected string"}""";

        var response = Answer(body, 400);

        Assert.Equal(PrometheusErrorType.BadData, response.ErrorType);
        Assert.Equal("invalid parameter \"query\": 1:14: parse error: unexpected \"}\" in label matching, expected string", response.Error);
    }

    [Theory]
    [InlineData(502, "<html><body>Bad Gateway</body></html>", "HTTP 502")]
    [InlineData(401, "Unauthorized", "--prometheus-token-file")]
    [InlineData(404, "404 page not found", "--prometheus-url")]
    public void A_non_json_error_answer_is_an_http_error_naming_the_status(int status, string body, string expected)
    {
        var outcome = PrometheusResponseParser.Parse(status, body);

        Assert.Equal(QueryFailureKind.HttpError, outcome.Failure?.Kind);
        Assert.Equal(status, outcome.Failure?.StatusCode);
        Assert.Contains(expected, outcome.Failure?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>Grafana</html>")]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("""{"status":"maybe"}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector"}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"scalar","result":[1]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"string","result":[1,2]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"histogram","result":[]}}""")]
    public void A_success_status_with_something_else_than_prometheus_json_is_an_invalid_response(string body)
    {
        var outcome = PrometheusResponseParser.Parse(200, body);

        Assert.Equal(QueryFailureKind.InvalidResponse, outcome.Failure?.Kind);
    }

    [Fact]
    public void A_long_foreign_body_is_shortened_in_the_message()
    {
        var outcome = PrometheusResponseParser.Parse(502, new string('x', 5000));

        Assert.True(outcome.Failure!.Message.Length < 400);
    }

    private static PrometheusResponse Answer(string body, int status = 200)
    {
        var outcome = PrometheusResponseParser.Parse(status, body);
        Assert.Null(outcome.Failure);
        return outcome.Response!;
    }
}
