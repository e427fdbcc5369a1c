using System.Text;

namespace Greylane.Webhook.Admission;

/// <summary>What the endpoint sends back, with the labels the metrics record it under.</summary>
internal sealed record HandlerResult(int StatusCode, byte[] Body, string ContentType, string Operation, string Decision)
{
    public const string Unknown = "unknown";

    /// <summary>A request that is not a judgeable AdmissionReview: plain text that names the problem and the fix.</summary>
    public static HandlerResult Rejected(int statusCode, string message) =>
        new(statusCode, Encoding.UTF8.GetBytes(message + "\n"), "text/plain; charset=utf-8", Unknown, AdmissionDecisionLabels.Rejected);
}

/// <summary>The values of the <c>decision</c> metric label.</summary>
internal static class AdmissionDecisionLabels
{
    public const string Allowed = "allowed";
    public const string Patched = "patched";
    public const string Denied = "denied";
    public const string Rejected = "rejected";
}
