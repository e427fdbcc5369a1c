using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace Greylane.Webhook.Support.Tests;

/// <summary>A parsed AdmissionReview answer, and the request object with its patch applied by an independent RFC 6902 implementation.</summary>
internal sealed record ReviewAnswer(JsonObject Review, JsonObject Request)
{
    public JsonObject Response => Review["response"]!.AsObject();

    public string Uid => (string)Response["uid"]!;

    public bool Allowed => (bool)Response["allowed"]!;

    public bool HasPatch => Response["patch"] is not null;

    public string PatchText => HasPatch ? Encoding.UTF8.GetString(Convert.FromBase64String((string)Response["patch"]!)) : "[]";

    public IReadOnlyList<string> Warnings => Response["warnings"]?.AsArray().Select(w => (string)w!).ToList() ?? [];

    public int? Code => (int?)Response["status"]?["code"];

    public string? Message => (string?)Response["status"]?["message"];

    /// <summary>The request's object after the patch, applied with Microsoft.AspNetCore.JsonPatch.SystemTextJson.</summary>
    public JsonObject Patched
    {
        get
        {
            var target = Request["request"]!["object"]!.DeepClone().AsObject();
            if (!HasPatch)
            {
                return target;
            }

            Assert.Equal("JSONPatch", (string?)Response["patchType"]);
            var document = System.Text.Json.JsonSerializer.Deserialize<JsonPatchDocument>(PatchText)!;
            document.ApplyTo(target);
            return target;
        }
    }

    public static ReviewAnswer Parse(string responseBody, JsonObject request) => new(JsonNode.Parse(responseBody)!.AsObject(), request);
}
