using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Webhook.Admission;

namespace Greylane.Demo.Setup;

/// <summary>
/// The MutatingWebhookConfiguration of <c>manifests/base</c>, pointed at the demo's Greylane by URL (there is no
/// cluster network for <c>clientConfig.service</c>) with the demo CA as its <c>caBundle</c>.
/// </summary>
internal static class WebhookRegistration
{
    public static JsonObject For(Uri greylane, string caBundle)
    {
        var configuration = YamlJson.Parse(File.ReadAllText(DemoFiles.WebhookConfiguration))!.AsObject();
        foreach (var webhook in configuration["webhooks"]!.AsArray())
        {
            webhook!["clientConfig"] = new JsonObject
            {
                ["url"] = new Uri(greylane, AdmissionEndpoint.Path.TrimStart('/')).ToString(),
                ["caBundle"] = caBundle,
            };
        }

        return configuration;
    }
}
