using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Testing.Certificates;
using Greylane.Testing.Hosts;
using Greylane.Webhook.Admission;
using Greylane.Webhook.Support.Tests;
using Xunit.Abstractions;

namespace Greylane.Webhook.Admission.Fuzz.Tests;

/// <summary>
/// Thousands of mangled AdmissionReviews, made from the fixtures with a fixed seed (GREYLANE_FUZZ_SEED changes it,
/// GREYLANE_FUZZ_COUNT the count), sent to the real HTTPS endpoint over a few connections: every answer is a review or
/// a 4xx with a message, never a 5xx, never a guard's "failed to judge", never a hang; a valid review still works after.
/// </summary>
public sealed class AdmissionFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int DefaultCount = 3000;
    private const int Connections = 4;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(10);

    private readonly ServingPem _pem = TestPki.Issue("greylane-webhook");
    private CertificateFiles _files = null!;
    private WebhookServer _server = null!;

    public async Task InitializeAsync()
    {
        _files = CertificateFiles.Plain(_pem);
        _server = await WebhookServer.StartAsync(_files);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Mangled_reviews_get_a_review_or_a_4xx_with_a_message_and_never_a_5xx_or_a_hang()
    {
        var seed = Setting("GREYLANE_FUZZ_SEED", 1313);
        var count = Setting("GREYLANE_FUZZ_COUNT", DefaultCount);
        output.WriteLine($"fuzz seed {seed} (set GREYLANE_FUZZ_SEED to change it), {count} reviews over {Connections} connections");
        var bodies = Bodies(seed, count);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var next = -1;

        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            using var client = _server.Client();
            client.Timeout = Timeout.InfiniteTimeSpan;
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count && failures.Count < 20)
            {
                var (outcome, failure) = await JudgeAsync(client, bodies[index]);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (failure is not null)
                {
                    failures.Enqueue($"case {index} (seed {seed}): {failure}; body starts {Show(bodies[index])}");
                }
            }
        }));

        output.WriteLine(string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key}: {o.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(10)));
        await AssertStillServesAsync();
    }

    private static List<byte[]> Bodies(int seed, int count)
    {
        var values = new FuzzValues(new Random(seed));
        var mutator = new ReviewMutator(values);
        var fixtures = Fixture.Names.Select(Fixture.Text).ToList();
        return [.. Enumerable.Range(0, count).Select(_ => mutator.Mutate(JsonNode.Parse(values.Pick(fixtures))!.AsObject()))];
    }

    // The kind of answer, and a failure unless it is one the API server can use: a review (denials 4xx with a
    // message) or a 4xx with a message.
    private static async Task<(string Outcome, string? Failure)> JudgeAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var timeout = new CancellationTokenSource(PerRequest);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await client.PostAsync("/mutate/deployments", content, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return ("hang", $"no answer within {PerRequest.TotalSeconds} s");
        }

        using (response)
        {
            var code = (int)response.StatusCode;
            if (code is >= 400 and < 500)
            {
                return ($"HTTP {code}", text.Trim().Length == 0 ? $"HTTP {code} without a message"
                    : text.StartsWith(AdmissionHandler.CouldNotJudge, StringComparison.Ordinal) ? $"the endpoint's guard answered: {text}"
                    : null);
            }

            return code == 200 ? JudgeReview(text) : ($"HTTP {code}", $"HTTP {code}: {text}");
        }
    }

    private static (string Outcome, string? Failure) JudgeReview(string text)
    {
        var review = JsonNode.Parse(text)!;
        var answer = review["response"]!;
        if ((string?)review["kind"] != "AdmissionReview" || (string?)answer["uid"] is not { Length: > 0 })
        {
            return ("not a review", $"a 200 that is not an answered review: {text}");
        }

        if ((bool)answer["allowed"]!)
        {
            return (answer["patch"] is null ? "allowed" : "patched", null);
        }

        var code = (int?)answer["status"]?["code"];
        var message = (string?)answer["status"]?["message"] ?? "";
        return ($"denied {code}", code is not (>= 400 and < 500) ? $"denied with code {code}: {message}"
            : message.Trim().Length == 0 ? "denied without a message"
            : message.StartsWith(AdmissionHandler.CouldNotJudge, StringComparison.Ordinal) ? $"the handler's guard answered: {message}"
            : null);
    }

    private async Task AssertStillServesAsync()
    {
        using var client = _server.Client();
        var review = Fixture.Review("release");
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/mutate/deployments", content);
        var answer = ReviewAnswer.Parse(await response.Content.ReadAsStringAsync(), review);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Expect.From(answer).Release(Fixture.Hash("v2"), Fixture.Hash("v1")).Matches(answer);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Show(byte[] body) => JsonSerializer.Serialize(Encoding.UTF8.GetString(body[..Math.Min(body.Length, 300)]));
}
