using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Api;

/// <summary>
/// apimachinery's <c>ValidatePatchOptions</c>, checked before the object is looked up: an apply names its field
/// manager, only an apply may force, a field manager is at most 128 printable bytes. Answered 422 as the real server
/// answers it (<c>PatchOptions.meta.k8s.io "" is invalid: ...</c>).
/// </summary>
internal static class PatchOptionsCheck
{
    public static void Validate(string kind, QueryOptions query)
    {
        var problems = new List<(string Field, string Reason, string Detail)>();
        if (kind != PatchApplier.ApplyYaml && query.Force is not null)
            problems.Add(("force", "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch"));
        if (kind == PatchApplier.ApplyYaml && string.IsNullOrEmpty(query.FieldManager))
            problems.Add(("fieldManager", "FieldValueRequired", "Required value: is required for apply patch"));
        if (query.FieldManager is { } manager)
        {
            if (System.Text.Encoding.UTF8.GetByteCount(manager) > 128)
                problems.Add(("fieldManager", "FieldValueTooLong", "Too long: may not be more than 128 bytes"));
            else if (manager.Any(char.IsControl))
                problems.Add(("fieldManager", "FieldValueInvalid", $"Invalid value: \"{manager}\": must only contain printable characters"));
        }

        if (problems.Count == 0)
            return;
        var text = problems.Count == 1 ? $"{problems[0].Field}: {problems[0].Detail}" : $"[{string.Join(", ", problems.Select(p => $"{p.Field}: {p.Detail}"))}]";
        throw new ApiException(422, "Invalid", $"PatchOptions.meta.k8s.io \"\" is invalid: {text}", new JsonObject
        {
            ["group"] = "meta.k8s.io",
            ["kind"] = "PatchOptions",
            ["causes"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["reason"] = p.Reason, ["message"] = p.Detail, ["field"] = p.Field })]),
        });
    }
}
