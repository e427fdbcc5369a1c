using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Testing.Certificates;
using Greylane.Testing.Hosts;
using Greylane.Testing.Processes;
using Greylane.Webhook.Controller;
using Microsoft.Extensions.DependencyInjection;
using Greylane.Webhook.Support.Tests;

namespace Greylane.Webhook.Hosting.Tests;

public sealed class HttpsEndpointTests : IAsyncLifetime
{
    private readonly ServingPem _pem = TestPki.Issue("greylane-webhook");
    private CertificateFiles _files = null!;
    private WebhookServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _files = CertificateFiles.Plain(_pem);
        _server = await WebhookServer.StartAsync(_files);
        _client = _server.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Release_review_over_https_is_answered_with_the_release_patch()
    {
        var review = Fixture.Review("release");

        using var response = await PostAsync(review.ToJsonString());
        var answer = ReviewAnswer.Parse(await response.Content.ReadAsStringAsync(), review);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.True(answer.Allowed);
        Expect.From(answer).Release(Fixture.Hash("v2"), Fixture.Hash("v1")).Matches(answer);
    }

    [Fact]
    public async Task Invalid_strategy_over_https_is_denied_inside_a_200_review()
    {
        var review = Fixture.Review("release");
        review["request"]!["object"]!["metadata"]!["annotations"]![GreylaneKeys.Strategy] = "steps: [{replicas: 1, weight: 150}]";

        using var response = await PostAsync(review.ToJsonString());
        var answer = ReviewAnswer.Parse(await response.Content.ReadAsStringAsync(), review);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(answer.Allowed);
        Assert.Equal(400, answer.Code);
        Assert.Contains("steps[0].weight", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TLS 1.2", SslProtocols.Tls12)]
    [InlineData("TLS 1.3", SslProtocols.Tls13)]
    public async Task Tls_12_and_13_handshakes_succeed(string name, SslProtocols protocol)
    {
        var handshake = await _server.HandshakeAsync(protocol);

        Assert.True(handshake.Protocol == protocol, name);
        Assert.Equal(_pem.Thumbprint, handshake.Thumbprint);
    }

    [Fact]
    public async Task Tls_11_handshake_is_refused()
    {
#pragma warning disable SYSLIB0039 // TLS 1.1 is asked for on purpose: the server must refuse it.
        await Assert.ThrowsAnyAsync<Exception>(() => _server.HandshakeAsync(SslProtocols.Tls11));
#pragma warning restore SYSLIB0039
    }

    [Fact]
    public async Task Only_http_11_is_offered_over_alpn()
    {
        var handshake = await _server.HandshakeAsync(SslProtocols.None, "h2", "http/1.1");

        Assert.Equal("http/1.1", handshake.Alpn);
    }

    [Fact]
    public async Task Http2_only_client_is_not_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.SendAsync(request));
    }

    [Fact]
    public async Task Plain_http_on_the_port_gets_no_answer()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        var buffer = new byte[64];
        int read;
        try
        {
            read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (IOException)
        {
            read = 0;
        }

        Assert.DoesNotContain("HTTP/1.1 200", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        using var response = await PostAsync(Fixture.Text("release"), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_content_type_with_a_charset_is_accepted()
    {
        using var response = await PostAsync(Fixture.Text("release"), "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "not JSON", "{\"kind\": \"AdmissionReview\",", "not JSON" },
        { "JSON array", "[1, 2]", "not an object" },
        { "not a review", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}", "expected kind AdmissionReview" },
        { "old review version", "{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}}", "admission.k8s.io/v1" },
        { "no request", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", "request is missing" },
        { "missing uid", Without("uid"), "request.uid is missing" },
        { "wrong kind", WithKind("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}"), "apps/v1 Deployment only" },
        { "unknown operation", WithOperation("PATCH"), "request.operation 'PATCH'" },
        { "lone surrogate in the uid", Fixture.Text("release").Replace("\"uid\":\"", "\"uid\":\"\\ud800", StringComparison.Ordinal), "request.uid is not Unicode text" },
        { "lone surrogate in the operation", Fixture.Text("release").Replace("\"operation\":\"UPDATE\"", "\"operation\":\"UPDATE\\udc00\"", StringComparison.Ordinal), "request.operation is not Unicode text" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Body_that_is_not_a_judgeable_review_is_400_with_the_reason(string name, string body, string reason)
    {
        using var response = await PostAsync(body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {response.StatusCode} {text}");
        Assert.Contains(reason, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_a_400_with_a_message_not_an_empty_500()
    {
        var text = Fixture.Text("release");
        var at = text.IndexOf("\"name\":\"", StringComparison.Ordinal) + 8;
        using var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(text[..at]), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(text[at..])]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/mutate/deployments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("request.name is not Unicode text", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opted_in_review_without_a_template_is_denied_not_let_through()
    {
        var review = Fixture.Review("release");
        review["request"]!["object"]!["spec"]!.AsObject().Remove("template");

        using var response = await PostAsync(review.ToJsonString());
        var answer = ReviewAnswer.Parse(await response.Content.ReadAsStringAsync(), review);

        Assert.False(answer.Allowed);
        Assert.Contains("spec.template is missing", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_over_7_MiB_with_a_length_is_413()
    {
        using var content = new ByteArrayContent(new byte[(7 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        // The answer comes from the headers alone, before any body byte is read; with 100-continue the client learns
        // it before sending the body (without it, the server answers and closes while the client is still writing).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mutate/deployments") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Chunked_body_over_7_MiB_is_413()
    {
        using var content = new StreamContent(new EndlessJson(8 * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.PostAsync("/mutate/deployments", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok()
    {
        Assert.Equal("ok\n", await _client.GetStringAsync("/healthz"));
        Assert.Equal("ok\n", await _client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task Metrics_count_decisions_and_time_them_by_operation_and_decision()
    {
        using (await PostAsync(Fixture.Text("release")))
        using (await PostAsync(Fixture.Text("not-opted-in")))
        using (await PostAsync("nope"))
        {
        }

        var metrics = await _client.GetStringAsync("/metrics");

        Assert.Contains("greylane_admission_duration_seconds_count{operation=\"UPDATE\",decision=\"patched\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("greylane_admission_duration_seconds_bucket{operation=\"UPDATE\",decision=\"allowed\",le=", metrics, StringComparison.Ordinal);
        Assert.Contains("greylane_admission_decisions_total{operation=\"UPDATE\",decision=\"allowed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("greylane_admission_decisions_total{operation=\"unknown\",decision=\"rejected\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metrics_page_with_per_deployment_series_is_valid_prometheus_text()
    {
        var series = _server.Services.GetRequiredService<RolloutSeries>();
        series.Set("shop", "web", RolloutPhase.StepPaused, 2);
        series.Set("shop", "odd\"name", RolloutPhase.Idle, 0);
        using (await PostAsync(Fixture.Text("release")))
        {
        }

        using var response = await _client.GetAsync("/metrics");
        var page = await response.Content.ReadAsStringAsync();
        var check = await ProcessRunner.RunAsync("promtool", ["check", "metrics"], TimeSpan.FromSeconds(30), standardInput: page);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("greylane_rollout_phase{namespace=\"shop\",deployment=\"web\",phase=\"StepPaused\"} 1", page, StringComparison.Ordinal);
        Assert.Contains("greylane_rollout_step{namespace=\"shop\",deployment=\"odd\\\"name\"} 0", page, StringComparison.Ordinal);
        Assert.Contains("greylane_admission_decisions_total{operation=\"UPDATE\",decision=\"patched\"} 1", page, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, $"promtool check metrics exited {check.ExitCode}: {check.Stdout}{check.Stderr}");
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await _client.PostAsync("/mutate/deployments", content);
    }

    private static string Without(string field)
    {
        var review = Fixture.Review("release");
        review["request"]!.AsObject().Remove(field);
        return review.ToJsonString();
    }

    private static string WithKind(string kind)
    {
        var review = Fixture.Review("release");
        review["request"]!["kind"] = System.Text.Json.Nodes.JsonNode.Parse(kind);
        return review.ToJsonString();
    }

    private static string WithOperation(string operation)
    {
        var review = Fixture.Review("release");
        review["request"]!["operation"] = operation;
        return review.ToJsonString();
    }

    // A body of unknown length (sent chunked), so the limit is met while reading, not from Content-Length.
    private sealed class EndlessJson(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)' ');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
