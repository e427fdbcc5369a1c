using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Webhook.Admission;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greylane.Webhook.Support.Tests;

/// <summary>Runs the real admission handler on a review, without HTTP.</summary>
internal static class Handler
{
    private static readonly AdmissionHandler Instance = new(NullLogger<AdmissionHandler>.Instance);

    public static HandlerResult Raw(string body) => Raw(Encoding.UTF8.GetBytes(body));

    public static HandlerResult Raw(byte[] body) => Instance.Handle(new ReadOnlySequence<byte>(body));

    public static ReviewAnswer Answer(JsonObject review)
    {
        var result = Raw(review.ToJsonString());
        Assert.True(result.StatusCode == 200, Encoding.UTF8.GetString(result.Body));
        return ReviewAnswer.Parse(Encoding.UTF8.GetString(result.Body), review);
    }

    public static ReviewAnswer Answer(string fixture) => Answer(Fixture.Review(fixture));

    /// <summary>The same review sent again with the patched object, as the API server does on reinvocation.</summary>
    public static ReviewAnswer Reinvoke(ReviewAnswer first)
    {
        var again = first.Request.DeepClone().AsObject();
        again["request"]!["object"] = first.Patched;
        return Answer(again);
    }
}
