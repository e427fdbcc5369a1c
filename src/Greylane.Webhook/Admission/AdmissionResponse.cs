using System.Text.Json.Serialization;

namespace Greylane.Webhook.Admission;

/// <summary>The AdmissionReview the webhook answers with (same apiVersion as asked, <c>response</c> only).</summary>
internal sealed record AdmissionReviewResponse(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("response")] AdmissionResponse Response);

/// <summary>An AdmissionReview <c>response</c>: the patch is base64 on the wire, which is how System.Text.Json writes bytes.</summary>
internal sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("patchType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PatchType = null,
    [property: JsonPropertyName("patch"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] byte[]? Patch = null,
    [property: JsonPropertyName("warnings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AdmissionStatus? Status = null);

/// <summary>The <c>metav1.Status</c> subset a denial carries.</summary>
internal sealed record AdmissionStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>Source-generated serialization of the response types (no reflection on the hot path).</summary>
[JsonSerializable(typeof(AdmissionReviewResponse))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
