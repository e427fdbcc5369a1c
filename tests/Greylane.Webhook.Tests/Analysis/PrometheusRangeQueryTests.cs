using Greylane.Core.Analysis;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Webhook.Analysis.Tests;

public sealed class PrometheusRangeQueryTests
{
    private const string Matrix = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1764792000,"1"],[1764792030,"0.5"]]}]}}""";

    [Fact]
    public async Task A_range_query_is_posted_with_start_end_and_step_aligned_to_the_step()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(200, Matrix);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 3, 20, 0, 47, TimeSpan.Zero));
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url, TimeSpan.FromSeconds(7)), clock);

        var outcome = await services.Client.QueryRangeAsync("sum(up)", TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal([1.0, 0.5], Assert.Single(Assert.IsType<MatrixResult>(outcome.Response!.Result).Series).Values.Select(p => p.Value));
        var received = Assert.Single(server.Received);
        Assert.Equal(("/api/v1/query_range", "sum(up)", "7s"), (received.Path, received.Query, received.Timeout));
        Assert.Equal(("1764791760", "1764792030", "30s"), (received.Start, received.End, received.Step));
    }

    [Fact]
    public async Task A_range_of_too_many_points_is_refused_without_being_sent()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var outcome = await services.Client.QueryRangeAsync("sum(up)", TimeSpan.FromHours(24), TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Contains("at most 1100 points", outcome.Failure!.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }
}
