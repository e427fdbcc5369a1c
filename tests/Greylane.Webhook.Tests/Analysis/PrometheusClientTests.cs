using Greylane.Core.Analysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Webhook.Analysis.Tests;

public sealed class PrometheusClientTests
{
    private const string One = """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1732600000,"1"]}]}}""";

    [Fact]
    public async Task A_query_is_posted_as_a_form_with_prometheus_own_timeout_and_its_answer_parsed()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(200, One);
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url, TimeSpan.FromSeconds(7)));

        var outcome = await services.Client.QueryAsync("sum(up{job=\"a b\"})", CancellationToken.None);

        Assert.Equal(1.0, Assert.Single(Assert.IsType<VectorResult>(outcome.Response!.Result).Samples).Value);
        var received = Assert.Single(server.Received);
        Assert.Equal(("POST", "/api/v1/query", "sum(up{job=\"a b\"})", "7s"), (received.Method, received.Path, received.Query, received.Timeout));
        Assert.Equal("", received.Authorization);
    }

    [Fact]
    public async Task A_path_prefix_in_the_url_is_kept()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(200, One);
        using var services = new AnalysisServices(AnalysisServices.Options(new Uri(server.Url, "/prometheus")));

        await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.Equal("/prometheus/api/v1/query", Assert.Single(server.Received).Path);
    }

    [Fact]
    public async Task Transient_failures_are_retried_twice_then_the_answer_counts()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(502, "<html>bad gateway</html>")
            .Then(503, """{"status":"error","errorType":"unavailable","error":"starting up"}""")
            .Then(200, One);
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var outcome = await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.True(outcome.Response?.IsSuccess);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_failure_is_returned()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            server.Then(500, """{"status":"error","errorType":"internal","error":"disk full"}""");
        }

        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var outcome = await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.Equal(PrometheusErrorType.Internal, outcome.Response?.ErrorType);
        Assert.Equal(3, server.Received.Count);
    }

    [Theory]
    [InlineData(400, """{"status":"error","errorType":"bad_data","error":"parse error"}""")]
    [InlineData(422, """{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}""")]
    [InlineData(503, """{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}""")]
    [InlineData(401, "Unauthorized")]
    public async Task Refused_queries_client_errors_and_prometheus_timeouts_are_not_retried(int status, string body)
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(status, body).Then(200, One);
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var outcome = await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.NotEqual(true, outcome.Response?.IsSuccess);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_slow_answer_is_a_timeout_once_the_timeout_has_passed_and_is_not_retried()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(context => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted));
        var clock = new FakeTimeProvider();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url, TimeSpan.FromSeconds(3)), clock);

        var query = services.Client.QueryAsync("up", CancellationToken.None);
        await server.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(20));
        clock.Advance(TimeSpan.FromSeconds(3));
        var outcome = await query.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(QueryFailureKind.Timeout, outcome.Failure?.Kind);
        Assert.Contains("did not answer within 3s", outcome.Failure?.Message, StringComparison.Ordinal);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task An_unreachable_prometheus_is_tried_three_times_and_reported_unreachable()
    {
        Uri closed;
        await using (var server = await ScriptedPrometheus.StartAsync())
        {
            closed = server.Url;
        }

        using var services = new AnalysisServices(AnalysisServices.Options(closed));

        var outcome = await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.Equal(QueryFailureKind.Unreachable, outcome.Failure?.Kind);
        Assert.Contains($"Prometheus at {closed} is unreachable", outcome.Failure?.Message, StringComparison.Ordinal);
        Assert.Contains("greylane_prometheus_request_duration_seconds_count{outcome=\"unreachable\"} 3", await services.ExportedMetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bearer_token_is_read_from_its_file_for_every_request_so_rotation_works()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(200, One).Then(200, One);
        var tokenFile = Path.GetTempFileName();
        try
        {
            using var services = new AnalysisServices(AnalysisServices.Options(server.Url, tokenFile: tokenFile));
            await File.WriteAllTextAsync(tokenFile, "first-token\n");
            await services.Client.QueryAsync("up", CancellationToken.None);
            await File.WriteAllTextAsync(tokenFile, "rotated-token");
            await services.Client.QueryAsync("up", CancellationToken.None);

            Assert.Equal(["Bearer first-token", "Bearer rotated-token"], server.Received.Select(r => r.Authorization));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task A_missing_token_file_is_reported_without_querying()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url, tokenFile: "/nonexistent/greylane/token"));

        var outcome = await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.Equal(QueryFailureKind.NotConfigured, outcome.Failure?.Kind);
        Assert.Contains("/nonexistent/greylane/token", outcome.Failure?.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Without_a_url_every_query_says_how_to_set_one()
    {
        using var services = new AnalysisServices(AnalysisServices.Options(null));

        var outcome = await services.Client.QueryAsync("up", CancellationToken.None);

        Assert.Equal(QueryFailureKind.NotConfigured, outcome.Failure?.Kind);
        Assert.Contains("--prometheus-url", outcome.Failure?.Message, StringComparison.Ordinal);
    }
}
