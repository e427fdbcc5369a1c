using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Webhook.Admission;
using Greylane.Webhook.Analysis;
using Greylane.Webhook.Hosting;
using Greylane.Testing.Certificates;
using Greylane.Webhook.Support.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Greylane.Webhook.Admission.Tests;

public sealed class TenancyAdmissionTests
{
    private const string ForeignQuery = """
        analysis:
          metrics:
            - name: secret
              query: sum(secret_metric{namespace="kube-system",job="x"})
              min: 0
        """;

    // The host checks the serving pair when it reads its settings, so even a host that never serves needs a real one.
    private static readonly CertificateFiles Pair = CertificateFiles.Plain(TestPki.Issue("localhost"));

    private static readonly string[] Tls = ["--urls", "https://127.0.0.1:0", "--tls-cert", Pair.CertificatePath, "--tls-key", Pair.KeyPath];

    [Fact]
    public void A_strategy_reading_another_namespace_is_denied_with_the_field_and_the_fix()
    {
        var answer = Handler.Answer(Review(ForeignQuery));

        Assert.False(answer.Allowed);
        Assert.Equal(400, answer.Code);
        Assert.Equal(
            """greylane.dev/strategy on e2e/mocka-base is invalid: analysis.metrics[0].query: secret_metric{namespace="kube-system",job="x"} reads namespace kube-system; queries may only read their own namespace e2e: remove the namespace matcher or use {{namespace}}""",
            answer.Message);
    }

    [Fact]
    public void A_strategy_whose_query_cannot_be_parsed_is_denied_with_the_offset()
    {
        var answer = Handler.Answer(Review("analysis: {metrics: [{name: sr, query: 'sum(rate(x{a=\"b\",,}[1m]))', min: 1}]}"));

        Assert.False(answer.Allowed);
        Assert.Contains("analysis.metrics[0].query: not valid PromQL: unexpected ',' at offset 17: expected a label matcher", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_gives_admission_the_tenancy_setting_the_analyzer_reads()
    {
        using var app = WebhookHost.Build([.. Tls, "--prometheus-tenancy", "off", "--prometheus-url", "http://127.0.0.1:9"]);
        var handler = app.Services.GetRequiredService<AdmissionHandler>();
        var review = Review(ForeignQuery);

        var result = handler.Handle(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(review.ToJsonString())));

        Assert.False(app.Services.GetRequiredService<PrometheusOptions>().Tenancy.Enabled);
        Assert.True(ReviewAnswer.Parse(Encoding.UTF8.GetString(result.Body), review).Allowed);
    }

    [Fact]
    public void A_wrong_tenancy_setting_stops_the_start_with_its_fix()
    {
        var error = Assert.Throws<WebhookOptionsException>(() => WebhookHost.Build([.. Tls, "--prometheus-tenancy", "maybe", "--prometheus-tenancy-label", "k8s.ns"]));

        Assert.Equal(2, error.Message.Split('\n').Length);
        Assert.StartsWith("--prometheus-tenancy 'maybe' is not on or off", error.Message, StringComparison.Ordinal);
    }

    private static JsonObject Review(string strategy)
    {
        var review = Fixture.Review("release");
        review["request"]!["object"]!["metadata"]!["annotations"]![GreylaneKeys.Strategy] = strategy;
        return review;
    }
}
