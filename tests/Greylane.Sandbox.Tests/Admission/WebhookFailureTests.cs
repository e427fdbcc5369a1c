using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>Webhooks that cannot be trusted, reached, or understood, and failurePolicy, against a real HTTPS webhook on loopback.</summary>
public sealed class WebhookFailureTests(WebhookServer server) : IClassFixture<WebhookServer>
{
    private readonly ListLogger _logger = new();

    private static JsonObject Deployment(string labels = "{}", string annotations = "{}") => AdmissionFixtures.Deployment(labels, annotations);

    private static AdmissionAttributes Create(JsonObject obj, bool dryRun = false) => AdmissionFixtures.Create(obj, dryRun);

    private WebhookAdmissionChain Chain(params JsonObject[] configurations) => AdmissionFixtures.Chain(_logger, configurations);

    [Fact]
    public async Task A_server_certificate_not_signed_by_the_ca_bundle_fails_closed_under_fail()
    {
        var url = server.Serve("untrusted", r => Reviews.Allow(r, """[{"op":"add","path":"/spec/paused","value":true}]"""));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.WrongCaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.Equal(500, outcome.Code);
        Assert.Equal("InternalError", outcome.Reason);
        Assert.Equal(
            $"Internal error occurred: failed calling webhook \"greylane.dev\": failed to call webhook: Post \"{url}?timeout=10s\": " +
            "tls: failed to verify certificate: x509: certificate signed by unknown authority",
            outcome.Message);
        Assert.Empty(server.Received("untrusted"));
    }

    [Fact]
    public async Task A_server_certificate_not_signed_by_the_ca_bundle_is_skipped_under_ignore()
    {
        var url = server.Serve("untrusted-ignore", r => Reviews.Allow(r, """[{"op":"add","path":"/spec/paused","value":true}]"""));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.WrongCaBundle, """{"failurePolicy":"Ignore"}""")));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.True(outcome.Allowed);
        Assert.Null(outcome.Object!["spec"]!["paused"]);
        Assert.Contains(_logger.Messages, m => m.Contains("failing open greylane.dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_name_the_certificate_does_not_cover_is_refused()
    {
        var url = server.Serve("wrong-host", r => Reviews.Allow(r)).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.EndsWith("tls: failed to verify certificate: x509: certificate is valid for elsewhere.example, not localhost", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received("wrong-host"));
    }

    [Fact]
    public async Task A_webhook_slower_than_timeout_seconds_is_a_context_deadline_failure()
    {
        var url = server.Serve("slow", async (review, aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), aborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Reviews.Allow(review["request"]!.AsObject());
        });
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle, """{"timeoutSeconds":1}""")));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.Equal(
            $"Internal error occurred: failed calling webhook \"greylane.dev\": failed to call webhook: Post \"{url}?timeout=1s\": context deadline exceeded",
            outcome.Message);
    }

    [Fact]
    public async Task A_response_for_another_uid_is_a_webhook_error()
    {
        var url = server.Serve("uid", r => Reviews.Allow(new JsonObject { ["uid"] = "not-the-request" }));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle)));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.Equal(500, outcome.Code);
        Assert.Matches(
            "^Internal error occurred: failed calling webhook \"greylane.dev\": received invalid webhook response: expected response.uid=\"[0-9a-f-]{36}\", got \"not-the-request\"$",
            outcome.Message);
    }

    [Fact]
    public async Task A_service_client_config_cannot_be_reached_from_the_sandbox()
    {
        var hook = Reviews.Webhook("greylane.dev", "https://unused", server.CaBundle,
            """{"clientConfig":{"url":null,"service":{"namespace":"greylane-system","name":"greylane-webhook"}}}""");

        var outcome = await Chain(Reviews.Configuration("a", hook)).AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.Contains("service \"greylane-system/greylane-webhook\" cannot be reached", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("use clientConfig.url", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reaches_only_webhooks_without_side_effects()
    {
        var url = server.Serve("dry", r => Reviews.Allow(r));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle, """{"sideEffects":"Some"}""")));

        var outcome = await chain.AdmitAsync(Create(Deployment(), dryRun: true), CancellationToken.None);

        Assert.Equal(400, outcome.Code);
        Assert.Equal("admission webhook \"greylane.dev\" does not support dry run", outcome.Message);
    }

    [Fact]
    public async Task A_patch_that_does_not_apply_rejects_the_write_whatever_the_policy()
    {
        var url = server.Serve("bad-patch", r => Reviews.Allow(r, """[{"op":"replace","path":"/spec/missing","value":1}]"""));
        var chain = Chain(Reviews.Configuration("a", Reviews.Webhook("greylane.dev", url, server.CaBundle, """{"failurePolicy":"Ignore"}""")));

        var outcome = await chain.AdmitAsync(Create(Deployment()), CancellationToken.None);

        Assert.False(outcome.Allowed);
        Assert.Equal(500, outcome.Code);
        Assert.StartsWith("Internal error occurred: replace operation does not apply", outcome.Message, StringComparison.Ordinal);
    }
}
