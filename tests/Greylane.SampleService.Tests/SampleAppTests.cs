using System.Net;

namespace Greylane.SampleService.Tests;

public sealed class SampleAppTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task It_answers_like_the_seed_service()
    {
        await using var mocka = await RunningSample.StartAsync("--app", "mocka", "--version", "base");

        var answer = await Http.GetStringAsync(mocka.Url);

        Assert.Equal("-> mocka(version: base, ip: 10.0.0.7)\n", answer);
    }

    [Fact]
    public async Task With_an_upstream_it_appends_the_upstream_answer_and_passes_on_only_the_lane_header()
    {
        await using var echo = await HeaderEcho.StartAsync();
        await using var mocka = await RunningSample.StartAsync("--app", "mocka", "--version", "canary", "--upstream_url", echo.Url.ToString());
        using var request = new HttpRequestMessage(HttpMethod.Get, mocka.Url);
        request.Headers.Add("my-request-id", "canary");
        request.Headers.Add("agent", "pc");
        request.Headers.Add("x-other", "dropped");

        using var response = await Http.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("-> mocka(version: canary, ip: 10.0.0.7)", lines[0]);
        Assert.Contains("my-request-id=canary", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("agent", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("x-other", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chained_services_answer_one_line_per_hop_and_the_lane_reaches_the_last()
    {
        await using var mockb = await RunningSample.StartAsync("--app", "mockb", "--version", "canary");
        await using var mocka = await RunningSample.StartAsync("--app", "mocka", "--version", "canary", "--upstream_url", mockb.Url.ToString());

        var answer = await Http.GetStringAsync(mocka.Url);

        Assert.Equal("-> mocka(version: canary, ip: 10.0.0.7)\n-> mockb(version: canary, ip: 10.0.0.7)\n", answer);
    }

    [Fact]
    public async Task The_lane_header_name_is_configurable()
    {
        await using var echo = await HeaderEcho.StartAsync();
        await using var mocka = await RunningSample.StartAsync("--upstream_url", echo.Url.ToString(), "--LANE_HEADER", "x-lane");
        using var request = new HttpRequestMessage(HttpMethod.Get, mocka.Url);
        request.Headers.Add("x-lane", "gray");
        request.Headers.Add("my-request-id", "canary");

        var answer = await (await Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("x-lane=gray", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("my-request-id", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_rate_fails_exactly_that_share_of_requests()
    {
        await using var sample = await RunningSample.StartAsync("--ERROR_RATE", "0.3");

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await Http.GetAsync(sample.Url);
            codes.Add(response.StatusCode);
        }

        Assert.Equal(6, codes.Count(c => c == HttpStatusCode.InternalServerError));
        Assert.Equal(14, codes.Count(c => c == HttpStatusCode.OK));
    }

    [Fact]
    public async Task Requests_are_counted_by_app_version_and_code_and_timed_including_the_injected_latency()
    {
        await using var sample = await RunningSample.StartAsync("--app", "mocka", "--version", "canary", "--ERROR_RATE", "0.5", "--LATENCY_MS", "20");
        for (var i = 0; i < 4; i++)
        {
            (await Http.GetAsync(sample.Url)).Dispose();
        }

        var metrics = await Http.GetStringAsync(new Uri(sample.Url, "metrics"));

        Assert.Contains("http_requests_total{app=\"mocka\",version=\"canary\",code=\"200\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("http_requests_total{app=\"mocka\",version=\"canary\",code=\"500\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_count{app=\"mocka\",version=\"canary\"} 4", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{app=\"mocka\",version=\"canary\",le=\"0.016\"} 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_upstream_is_a_502_that_says_so()
    {
        Uri closed;
        await using (var gone = await RunningSample.StartAsync())
        {
            closed = gone.Url;
        }

        await using var sample = await RunningSample.StartAsync("--upstream_url", closed.ToString());

        using var response = await Http.GetAsync(sample.Url);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("unreachable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ERROR_RATE", "1.5", "ERROR_RATE 1.5 is not between 0 and 1")]
    [InlineData("ERROR_RATE", "lots", "ERROR_RATE 'lots' is not a number")]
    [InlineData("LATENCY_MS", "-1", "LATENCY_MS -1 is negative")]
    [InlineData("upstream_url", "mockb:8000", "upstream_url 'mockb:8000' is not an absolute http(s) URL")]
    public void A_wrong_setting_is_named(string key, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleApp.Build([$"--{key}", value]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
