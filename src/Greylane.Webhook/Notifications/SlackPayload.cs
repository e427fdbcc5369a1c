using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core.Notifications;

namespace Greylane.Webhook.Notifications;

/// <summary>A <see cref="ReleaseNotification"/> as a Slack incoming webhook's JSON, <c>{"text": …}</c>.</summary>
internal static class SlackPayload
{
    public static HttpContent Content(ReleaseNotification notification) =>
        new StringContent(new JsonObject { ["text"] = SlackText.For(notification) }.ToJsonString(), Encoding.UTF8, "application/json");
}
