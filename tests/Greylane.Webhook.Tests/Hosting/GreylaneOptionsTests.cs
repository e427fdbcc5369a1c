using Greylane.Webhook.Hosting;
using Greylane.Testing.Certificates;
using Greylane.Testing.Repository;
using Microsoft.Extensions.Configuration;

namespace Greylane.Webhook.Hosting.Tests;

public sealed class GreylaneOptionsTests : IDisposable
{
    private readonly CertificateFiles _pair = CertificateFiles.Plain(TestPki.Issue("localhost"));

    public void Dispose() => _pair.Dispose();

    [Fact]
    public void Every_problem_of_every_part_is_named_at_once_one_line_each()
    {
        string[] args =
        [
            "--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, "--tls-poll", "00:00:00.500",
            "--controller", "maybe", "--lease-duration", "5", "--workers", "0",
            "--prometheus-url", "nope", "--prometheus-timeout", "soon",
        ];

        var error = Assert.Throws<WebhookOptionsException>(() => Read(args));

        Assert.Equal(
        [
            "--tls-poll '00:00:00.500' is a .NET time span; write 500ms (durations are written the Go way: 500ms, 15s, 1m30s)",
            "--controller 'maybe' is not one of auto, true, false",
            "--lease-duration '5' has no unit; write 5s (durations are written the Go way: 500ms, 15s, 1m30s)",
            "--workers '0' is not a whole number from 1 to 64",
            "--prometheus-url 'nope' is not an http(s) URL; write the Prometheus server's root, e.g. http://prometheus.monitoring:9090",
            "--prometheus-timeout 'soon' is not a positive duration such as 15s, 1500ms or 1m30s",
        ],
            error.Problems);
        Assert.Equal(string.Join('\n', error.Problems), error.Message);
    }

    [Fact]
    public void Good_settings_are_read_into_one_object_for_the_whole_process()
    {
        var options = Read(["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, "--tls-poll", "1m30s", "--controller", "false",
            "--lease-duration", "20s", "--renew-deadline", "12s", "--retry-period", "1500ms", "--prometheus-url", "http://prom:9090", "--prometheus-timeout", "3s"]);

        Assert.Equal(TimeSpan.FromSeconds(90), options.Webhook.CertificatePollInterval);
        Assert.False(options.Controller.Enabled);
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(12), TimeSpan.FromMilliseconds(1500)), (options.Controller.LeaseDuration, options.Controller.RenewDeadline, options.Controller.RetryPeriod));
        Assert.Equal((new Uri("http://prom:9090"), TimeSpan.FromSeconds(3)), (options.Prometheus.Url, options.Prometheus.Timeout));
    }

    [Theory]
    [InlineData("--lease-duration", "5", "--lease-duration '5' has no unit; write 5s")]
    [InlineData("--renew-deadline", "2.5", "--renew-deadline '2.5' has no unit; write 2.5s")]
    [InlineData("--prometheus-timeout", "10", "--prometheus-timeout '10' has no unit; write 10s")]
    [InlineData("--tls-poll", "10", "--tls-poll '10' has no unit; write 10s")]
    [InlineData("--tls-poll", "00:00:10", "--tls-poll '00:00:10' is a .NET time span; write 10s")]
    [InlineData("--retry-period", "0s", "--retry-period '0s' is not a positive duration such as 15s")]
    [InlineData("--retry-period", "-2s", "--retry-period '-2s' is not a positive duration such as 15s")]
    public void Every_duration_is_read_the_go_way_and_a_wrong_one_names_the_fix(string flag, string value, string message)
    {
        var error = Assert.Throws<WebhookOptionsException>(() => Read(["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, flag, value]));

        Assert.StartsWith(message, Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_flag_is_named_with_the_nearest_one()
    {
        var error = Assert.Throws<WebhookOptionsException>(() => Read(["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, "--prometheus-urll", "http://prom:9090", "--lease-duartion=20s", "--frobnicate"]));

        Assert.Equal(
        [
            "--prometheus-urll is not a flag of Greylane; did you mean --prometheus-url?",
            "--lease-duartion is not a flag of Greylane; did you mean --lease-duration?",
            "--frobnicate is not a flag of Greylane; the flags are listed in docs/notes/webhook.md, controller.md, analysis.md and notifications.md",
        ],
            error.Problems);
    }

    [Fact]
    public void Host_settings_and_configuration_sections_pass_as_flags()
    {
        var options = Read(["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, "--urls", "https://127.0.0.1:0", "--environment", "Production", "--Logging:LogLevel:Default", "Warning"]);

        Assert.Equal(_pair.CertificatePath, options.Webhook.CertificatePath);
    }

    [Fact]
    public void Missing_or_unreadable_serving_files_are_named_with_the_other_problems()
    {
        var missing = Assert.Throws<WebhookOptionsException>(() => Read(["--tls-cert", "/nonexistent/tls.crt", "--tls-key", _pair.KeyPath, "--workers", "99"]));
        _pair.BreakKey();
        var broken = Assert.Throws<WebhookOptionsException>(() => Read(["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath]));

        Assert.Equal(2, missing.Problems.Count);
        Assert.StartsWith("--tls-cert '/nonexistent/tls.crt' does not exist; pass the PEM file (make certs writes", missing.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith($"--tls-cert '{_pair.CertificatePath}' and --tls-key '{_pair.KeyPath}' are not a PEM certificate and its private key (", Assert.Single(broken.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kubeconfig_that_cannot_be_used_is_named()
    {
        var path = Path.Combine(_pair.Directory, "kubeconfig");
        File.WriteAllText(path, "clusters: [\n");

        var error = Assert.Throws<WebhookOptionsException>(() => Read(["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, "--kubeconfig", path]));

        Assert.StartsWith($"--kubeconfig '{path}' cannot be used: ", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_of_the_kubeconfig_is_used_and_one_it_does_not_have_is_named_with_the_ones_it_has()
    {
        var path = Path.Combine(_pair.Directory, "two-contexts");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
            users: [{name: admin, user: {token: a}}, {name: sa, user: {token: b}}]
            contexts: [{name: admin, context: {cluster: c, user: admin}}, {name: greylane, context: {cluster: c, user: sa}}]
            current-context: admin
            """);
        string[] serving = ["--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath];

        var options = Read([.. serving, "--kubeconfig", path, "--context", "greylane"]);
        var unknown = Assert.Throws<WebhookOptionsException>(() => Read([.. serving, "--kubeconfig", path, "--context", "greylan"]));
        var alone = Assert.Throws<WebhookOptionsException>(() => Read([.. serving, "--controller", "false", "--context", "greylane"]));

        Assert.Equal((path, "greylane"), (options.Controller.Kubeconfig, options.Controller.Context));
        Assert.Equal(
            $"--context 'greylan' is not in --kubeconfig '{path}' (it has: admin, greylane); pass one of them, or leave --context out for its current context",
            Assert.Single(unknown.Problems));
        Assert.Equal(
            "--context 'greylane' needs --kubeconfig PATH, the file it is in (in a cluster Greylane uses its ServiceAccount)",
            Assert.Single(alone.Problems));
    }

    private static GreylaneOptions Read(string[] args) =>
        GreylaneOptions.From(new ConfigurationBuilder().AddCommandLine(args).Build(), args);
}
