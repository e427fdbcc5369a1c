using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Greylane.Core.Notifications;

namespace Greylane.Webhook.Notifications;

/// <summary>A <see cref="ReleaseNotification"/> as a CloudEvent 1.0, written by the CNCF SDK in structured JSON mode.</summary>
internal static class CloudEventPayload
{
    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The event: <c>id</c>, <c>source</c>, <c>type</c>, <c>subject</c>, <c>time</c> and JSON <c>data</c>.</summary>
    public static CloudEvent Event(ReleaseNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = notification.Id,
            Source = new Uri(notification.Source, UriKind.Relative),
            Type = notification.CloudEventType,
            Subject = notification.Subject,
            Time = notification.Time,
            DataContentType = "application/json",
            Data = JsonSerializer.SerializeToElement(Data(notification)),
        };
    }

    /// <summary>The HTTP body: structured mode, <c>Content-Type: application/cloudevents+json; charset=utf-8</c>.</summary>
    public static HttpContent Content(ReleaseNotification notification)
    {
        var body = Formatter.EncodeStructuredModeMessage(Event(notification), out var contentType);
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType.ToString());
        return content;
    }

    /// <summary>The <c>data</c> member: the same facts the status and the Event hold.</summary>
    public static JsonObject Data(ReleaseNotification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new JsonObject
        {
            ["namespace"] = n.Namespace,
            ["deployment"] = n.Deployment,
            ["release"] = n.Release,
            ["stable"] = n.Stable,
            ["phase"] = n.Phase,
            ["step"] = n.Step,
            ["steps"] = n.Steps,
            ["reason"] = n.Reason,
            ["message"] = n.Message,
            ["metrics"] = new JsonArray([.. n.Metrics.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Name,
                ["value"] = m.Value is { } value && double.IsFinite(value) ? value : null,
                ["verdict"] = m.Verdict,
                ["passed"] = m.Passed,
                ["failed"] = m.Failed,
                ["inconclusive"] = m.Inconclusive,
                ["message"] = m.Message,
            })]),
        };
    }
}
