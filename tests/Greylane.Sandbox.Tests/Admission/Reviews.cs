using System.Text;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>AdmissionReview answers and MutatingWebhookConfigurations for tests.</summary>
internal static class Reviews
{
    public static JsonObject Allow(JsonObject request, string? jsonPatch = null, params string[] warnings)
    {
        var response = new JsonObject { ["uid"] = (string?)request["uid"], ["allowed"] = true };
        if (jsonPatch is not null)
        {
            response["patchType"] = "JSONPatch";
            response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(jsonPatch));
        }

        if (warnings.Length > 0)
            response["warnings"] = new JsonArray([.. warnings.Select(w => JsonValue.Create(w))]);
        return Review(response);
    }

    public static JsonObject Deny(JsonObject request, JsonObject? status) =>
        Review(new JsonObject { ["uid"] = (string?)request["uid"], ["allowed"] = false, ["status"] = status });

    public static JsonObject Review(JsonObject response) =>
        new() { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response };

    public static JsonObject Configuration(string name, params JsonObject[] webhooks) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "MutatingWebhookConfiguration",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["webhooks"] = new JsonArray([.. webhooks]),
    };

    /// <summary>A webhook on CREATE/UPDATE of apps/v1 deployments, with <paramref name="overrides"/> merge-patched over it.</summary>
    public static JsonObject Webhook(string name, string url, string caBundle, string overrides = "{}")
    {
        var hook = JsonNode.Parse($$"""
            {"name":"{{name}}","clientConfig":{"url":"{{url}}","caBundle":"{{caBundle}}"},
             "rules":[{"operations":["CREATE","UPDATE"],"apiGroups":["apps"],"apiVersions":["v1"],"resources":["deployments"]}],
             "sideEffects":"None","admissionReviewVersions":["v1"]}
            """)!;
        return MergePatch.Apply(hook, JsonNode.Parse(overrides)!).AsObject();
    }
}
