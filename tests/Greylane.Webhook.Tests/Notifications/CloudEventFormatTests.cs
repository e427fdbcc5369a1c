using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Greylane.Core.Notifications;

namespace Greylane.Webhook.Notifications.Tests;

public sealed class CloudEventFormatTests
{
    // The context attributes of CloudEvents 1.0 that Greylane writes, plus the data member of the JSON format.
    private static readonly string[] Members = ["specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"];

    public static TheoryData<NotificationType> Types() => [.. NotificationTypes.All];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Every_type_is_a_valid_structured_mode_cloudevent(NotificationType type)
    {
        using var content = CloudEventPayload.Content(Senders.Sample(type: type));
        var body = await content.ReadAsByteArrayAsync();
        var contentType = content.Headers.ContentType!.ToString();

        Assert.StartsWith("application/cloudevents+json", contentType, StringComparison.Ordinal);
        var decoded = new JsonEventFormatter().DecodeStructuredModeMessage(body, new ContentType(contentType), extensionAttributes: null);
        Assert.True(decoded.IsValid);
        Assert.Equal(CloudEventsSpecVersion.V1_0, decoded.SpecVersion);
        Assert.Equal($"dev.greylane.release.{NotificationTypes.Name(type)}", decoded.Type);
        Assert.Equal("/namespaces/shop/deployments/web", decoded.Source!.ToString());
        Assert.Equal(("0123456789abcdef0123456789abcdef", "7d9f8c6b5a", "application/json"), (decoded.Id, decoded.Subject, decoded.DataContentType));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero), decoded.Time);
        Assert.Empty(decoded.ExtensionAttributes);
        SpecRules(JsonNode.Parse(body)!.AsObject());
    }

    [Fact]
    public void The_data_holds_the_release_facts_and_the_metrics_last_values()
    {
        var data = CloudEventPayload.Data(Senders.Sample());

        Assert.Equal(
            """{"namespace":"shop","deployment":"web","release":"7d9f8c6b5a","stable":"5c4b3a2918","phase":"Aborting","step":2,"steps":3,"reason":"analysis","message":"step 2/3: analysis failed: rolling back","metrics":[{"name":"success-rate","value":0.91,"verdict":"Fail","passed":1,"failed":2,"inconclusive":0,"message":null}]}""",
            data.ToJsonString());
    }

    /// <summary>The JSON event format's rules (cloudevents/spec formats/json-format.md and spec.md), checked on the raw JSON.</summary>
    internal static void SpecRules(JsonObject json)
    {
        foreach (var (name, _) in json)
        {
            Assert.Matches("^[a-z0-9]{1,20}$", name);
            Assert.Contains(name, Members);
        }

        Assert.Equal("1.0", (string)json["specversion"]!);
        foreach (var required in (string[])["id", "source", "type"])
        {
            Assert.Equal(JsonValueKind.String, json[required]!.GetValueKind());
            Assert.NotEmpty((string)json[required]!);
        }

        Assert.True(Uri.TryCreate((string)json["source"]!, UriKind.RelativeOrAbsolute, out _), "source is a URI-reference");
        Assert.NotEmpty((string)json["subject"]!);

        // RFC 3339: a full date, a time and an offset or Z.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", (string)json["time"]!);
        Assert.True(DateTimeOffset.TryParse((string)json["time"]!, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

        // datacontenttype application/json: data is the JSON value itself, never data_base64.
        Assert.Equal("application/json", (string)json["datacontenttype"]!);
        Assert.IsType<JsonObject>(json["data"]);
        Assert.Null(json["data_base64"]);
    }
}
