using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;
using Greylane.Manifests.Safety.Tests;

namespace Greylane.Manifests.Chart.Tests;

/// <summary>The chart's <c>notifications</c> values: operator-set receivers as flags, Secrets, and refusals of bad values.</summary>
public sealed class NotificationValuesTests
{
    private static readonly string[] Receivers =
    [
        "--set", "notifications.urls[0]=https://events.example.com/greylane", "--set", "notifications.urls[1]=http://ci.tools:8080/hook",
        "--set", "notifications.tokenSecretName=greylane-notify-token", "--set", "notifications.timeout=3s",
    ];

    private static JsonNode Container(RenderedManifests manifests) =>
        manifests.Single("Deployment", "greylane")["spec"]!["template"]!["spec"]!["containers"]![0]!;

    [Fact]
    public async Task Receivers_token_and_timeout_become_flags_and_a_read_only_secret_mount()
    {
        var yaml = await GreylaneChart.TemplateAsync(Receivers);
        var manifests = RenderedManifests.Parse(yaml);
        var args = Container(manifests)["args"]!.AsArray().Select(a => (string)a!).ToList();

        Assert.Empty(ManifestSafety.Check(yaml));
        Assert.Equal(
            ["--notify-url", "https://events.example.com/greylane", "--notify-url", "http://ci.tools:8080/hook", "--notify-timeout=3s", "--notify-token-file", "/etc/greylane/notify/token"],
            args.SkipWhile(a => !a.StartsWith("--notify", StringComparison.Ordinal)));
        var mount = Container(manifests)["volumeMounts"]!.AsArray().Single(m => (string)m!["name"]! == "notify-token")!;
        Assert.Equal(("/etc/greylane/notify", true), ((string)mount["mountPath"]!, (bool)mount["readOnly"]!));
        var volume = manifests.Single("Deployment", "greylane")["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => (string)v!["name"]! == "notify-token")!;
        Assert.Equal("greylane-notify-token", (string)volume["secret"]!["secretName"]!);
    }

    [Fact]
    public async Task By_default_addresses_come_only_from_an_optional_secret()
    {
        var manifests = RenderedManifests.Parse(await GreylaneChart.TemplateAsync());

        Assert.DoesNotContain(Container(manifests)["args"]!.AsArray(), a => ((string)a!).StartsWith("--notify", StringComparison.Ordinal));
        var env = Container(manifests)["env"]!.AsArray().Where(e => ((string)e!["name"]!).StartsWith("GREYLANE_NOTIFY", StringComparison.Ordinal)).ToList();
        Assert.Equal(["GREYLANE_NOTIFY_URL", "GREYLANE_NOTIFY_SLACK_URL"], env.Select(e => (string)e!["name"]!));
        Assert.All(env, e => Assert.Equal(("greylane-notify", true), ((string)e!["valueFrom"]!["secretKeyRef"]!["name"]!, (bool)e["valueFrom"]!["secretKeyRef"]!["optional"]!)));
    }

    [Theory]
    [InlineData("notifications.urls[0]=events.example.com", "notifications.urls.0")]
    [InlineData("notifications.timeout=soon", "notifications.timeout")]
    [InlineData("notifications.url=https://x", "notifications")]
    public async Task Bad_values_are_refused_by_the_schema(string value, string field) =>
        Assert.Contains(field, await GreylaneChart.RefusalAsync("--set", value), StringComparison.Ordinal);
}
