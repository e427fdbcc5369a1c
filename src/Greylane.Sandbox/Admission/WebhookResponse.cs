using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// Checks an AdmissionReview response (apiserver's <c>VerifyAdmissionResponse</c>) and applies its verdict:
/// warnings collected, a denial turned into a <see cref="WebhookRejection"/>, a JSONPatch applied to the object.
/// </summary>
internal static class WebhookResponse
{
    /// <summary>Applies the review's response to the round; returns whether the object changed.</summary>
    public static bool Apply(Webhook hook, string uid, JsonObject review, AdmissionRound round)
    {
        var response = review["response"] as JsonObject ?? throw Invalid(hook, "webhook response was absent");
        var answeredUid = (string?)response["uid"] ?? "";
        if (answeredUid != uid)
            throw Invalid(hook, $"expected response.uid=\"{uid}\", got \"{answeredUid}\"");
        var (apiVersion, kind) = ((string?)review["apiVersion"] ?? "", (string?)review["kind"] ?? "");
        if (apiVersion != "admission.k8s.io/v1" || kind != "AdmissionReview")
            throw Invalid(hook, $"expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got {apiVersion}, Kind={kind}");
        var patch = (string?)response["patch"] ?? "";
        var patchType = (string?)response["patchType"] ?? "";
        if (patch.Length > 0 && patchType.Length == 0)
            throw Invalid(hook, "webhook returned response.patch but not response.patchType");

        round.Warnings.AddRange((response["warnings"] as JsonArray ?? []).Select(w => (string?)w).OfType<string>());
        if (response["allowed"] is not JsonValue allowed || !allowed.TryGetValue<bool>(out var isAllowed) || !isAllowed)
            throw Denied(hook, response["status"] as JsonObject);
        if (patch.Length == 0)
            return false;
        if (patchType != "JSONPatch")
            throw new WebhookCallException(hook.Name, $"unsupported patch type \"{patchType}\"");
        return ApplyPatch(hook, Decode(hook, patch), round);
    }

    private static bool ApplyPatch(Webhook hook, JsonArray operations, AdmissionRound round)
    {
        if (operations.Count == 0)
            return false;
        if (round.Object is null)
            throw Internal($"admission webhook \"{hook.Name}\" attempted to modify the object, which is not supported for this operation");
        JsonNode patched;
        try
        {
            patched = JsonPatch.Apply(round.Object, operations);
        }
        catch (PatchException e)
        {
            throw Internal(e.Cause ?? e.Message);
        }

        var result = patched as JsonObject ?? throw Internal($"admission webhook \"{hook.Name}\" patched the object into something that is not an object");
        var changed = !JsonEquality.Equal(round.Object, result);
        round.Object = result;
        return changed;
    }

    private static JsonArray Decode(Webhook hook, string patch)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(patch);
        }
        catch (FormatException)
        {
            throw new WebhookCallException(hook.Name, "failed to call webhook: response.patch is not base64");
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonArray ?? throw Internal("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        catch (JsonException e)
        {
            throw Internal(e.Message);
        }
    }

    // apiserver's webhookerrors.ToStatusErr: at least 400, and the message names the webhook.
    private static WebhookRejection Denied(Webhook hook, JsonObject? status)
    {
        var code = status?["code"] is JsonValue c && c.TryGetValue<int>(out var given) && given >= 400 ? given : 400;
        var reason = (string?)status?["reason"] ?? "";
        var message = (string?)status?["message"] ?? "";
        var deniedBy = $"admission webhook \"{hook.Name}\" denied the request";
        var text = message.Length > 0 ? $"{deniedBy}: {message}" : reason.Length > 0 ? $"{deniedBy}: {reason}" : $"{deniedBy} without explanation";
        return new WebhookRejection(code, reason, text);
    }

    private static WebhookCallException Invalid(Webhook hook, string problem) => new(hook.Name, $"received invalid webhook response: {problem}");

    private static WebhookRejection Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");
}
