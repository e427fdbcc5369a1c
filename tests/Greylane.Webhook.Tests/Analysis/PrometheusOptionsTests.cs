using Greylane.Core.Analysis;
using Greylane.Webhook.Analysis;
using Microsoft.Extensions.Configuration;

namespace Greylane.Webhook.Analysis.Tests;

public sealed class PrometheusOptionsTests
{
    [Fact]
    public void The_command_line_wins_over_the_environment()
    {
        var options = PrometheusOptions.From(Configuration(
            ["--prometheus-url", "http://cli:9090", "--prometheus-timeout", "5s"],
            new() { ["GREYLANE_PROMETHEUS_URL"] = "http://env:9090", ["GREYLANE_PROMETHEUS_TIMEOUT"] = "20s", ["GREYLANE_PROMETHEUS_TOKEN_FILE"] = "/var/run/token" }));

        Assert.Equal(new Uri("http://cli:9090"), options.Url);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal("/var/run/token", options.TokenFile);
    }

    [Fact]
    public void The_environment_alone_is_enough()
    {
        var options = PrometheusOptions.From(Configuration([], new() { ["GREYLANE_PROMETHEUS_URL"] = "https://prom.example/sub", ["GREYLANE_PROMETHEUS_TIMEOUT"] = "1500ms" }));

        Assert.Equal(new Uri("https://prom.example/sub"), options.Url);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Timeout);
    }

    [Fact]
    public void Defaults_are_no_url_ten_seconds_no_token_and_two_retries()
    {
        var options = PrometheusOptions.From(Configuration([], []));

        Assert.Equal((null, TimeSpan.FromSeconds(10), null, 2), (options.Url, options.Timeout, options.TokenFile, options.Retries));
    }

    [Fact]
    public void A_timeout_without_a_unit_is_refused_with_the_unit_to_add()
    {
        var error = Assert.Throws<PrometheusOptionsException>(() => PrometheusOptions.From(Configuration(["--prometheus-timeout", "2.5"], [])));

        Assert.StartsWith("--prometheus-timeout '2.5' has no unit; write 2.5s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--prometheus-url", "prometheus:9090", "--prometheus-url 'prometheus:9090' is not an http(s) URL")]
    [InlineData("--prometheus-url", "ftp://prometheus", "--prometheus-url 'ftp://prometheus' is not an http(s) URL")]
    [InlineData("--prometheus-timeout", "soon", "--prometheus-timeout 'soon' is not a positive duration")]
    [InlineData("--prometheus-timeout", "0s", "--prometheus-timeout '0s' is not a positive duration")]
    public void A_wrong_setting_is_named_with_its_fix(string flag, string value, string message)
    {
        var error = Assert.Throws<PrometheusOptionsException>(() => PrometheusOptions.From(Configuration([flag, value], [])));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tenancy_is_on_with_the_namespace_label_by_default()
    {
        Assert.Equal(QueryTenancy.On, PrometheusOptions.From(Configuration([], [])).Tenancy);
    }

    [Fact]
    public void Tenancy_and_its_label_are_read_from_the_command_line_or_the_environment()
    {
        Assert.Equal(new QueryTenancy(false, "kubernetes_namespace"), PrometheusOptions.From(Configuration(["--prometheus-tenancy=off", "--prometheus-tenancy-label", "kubernetes_namespace"], [])).Tenancy);
        Assert.Equal(new QueryTenancy(false, "ns"), PrometheusOptions.From(Configuration([], new() { ["GREYLANE_PROMETHEUS_TENANCY"] = "OFF", ["GREYLANE_PROMETHEUS_TENANCY_LABEL"] = "ns" })).Tenancy);
        Assert.True(PrometheusOptions.From(Configuration(["--prometheus-tenancy", "on"], new() { ["GREYLANE_PROMETHEUS_TENANCY"] = "off" })).Tenancy.Enabled);
    }

    [Theory]
    [InlineData("--prometheus-tenancy", "no", "--prometheus-tenancy 'no' is not on or off; write on (queries read only their Deployment's namespace, the default) or off (single-tenant clusters)")]
    [InlineData("--prometheus-tenancy-label", "k8s.namespace", "--prometheus-tenancy-label 'k8s.namespace' is not a Prometheus label name; use letters, digits and '_', not starting with a digit, e.g. namespace or kubernetes_namespace")]
    [InlineData("--prometheus-tenancy-label", "__name__", "--prometheus-tenancy-label '__name__' is reserved for Prometheus' own labels")]
    public void A_wrong_tenancy_setting_is_named_with_its_fix(string flag, string value, string message)
    {
        var error = Assert.Throws<PrometheusOptionsException>(() => PrometheusOptions.From(Configuration([flag, value], [])));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_setting_is_named_at_once_one_per_line()
    {
        var error = Assert.Throws<PrometheusOptionsException>(() => PrometheusOptions.From(Configuration(["--prometheus-url", "x", "--prometheus-timeout", "soon", "--prometheus-tenancy", "maybe"], [])));

        Assert.Equal(["--prometheus-url", "--prometheus-timeout", "--prometheus-tenancy"], error.Message.Split('\n').Select(l => l.Split(' ')[0]));
    }

    private static IConfiguration Configuration(string[] args, Dictionary<string, string?> environment) =>
        new ConfigurationBuilder().AddInMemoryCollection(environment).AddCommandLine(args).Build();
}
