using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Admission;

/// <summary>Builds the <c>admission.k8s.io/v1</c> AdmissionReview a webhook receives, as kube-apiserver fills it.</summary>
internal static class AdmissionReviewRequest
{
    public static JsonObject Build(string uid, AdmissionAttributes a, JsonObject? currentObject)
    {
        var resource = a.Resource;
        var kind = a.SubResource == "scale"
            ? new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" }
            : new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["kind"] = resource.Kind };
        var gvr = new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Plural };
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = gvr,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = gvr.DeepClone(),
            ["name"] = a.Name,
            ["operation"] = a.Operation,
            ["userInfo"] = UserInfo(a.UserName),
            ["dryRun"] = a.DryRun,
            ["options"] = Options(a),
        };
        // Like the Go type's omitempty fields: no "object" on DELETE, no "oldObject" on CREATE.
        if (currentObject is not null)
            request["object"] = currentObject.DeepClone();
        if (a.OldObject is not null)
            request["oldObject"] = a.OldObject.DeepClone();
        if (!string.IsNullOrEmpty(a.SubResource))
        {
            request["subResource"] = a.SubResource;
            request["requestSubResource"] = a.SubResource;
        }

        if (!string.IsNullOrEmpty(a.Namespace))
            request["namespace"] = a.Namespace;
        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
    }

    // The sandbox knows the operation, not the verb: a PATCH is reported with UpdateOptions, as an update.
    private static JsonObject Options(AdmissionAttributes a)
    {
        var kind = a.Operation switch
        {
            "CREATE" => "CreateOptions",
            "DELETE" => "DeleteOptions",
            _ => "UpdateOptions",
        };
        var options = new JsonObject { ["kind"] = kind, ["apiVersion"] = "meta.k8s.io/v1" };
        if (a.DryRun)
            options["dryRun"] = new JsonArray("All");
        if (a.Operation != "DELETE" && !string.IsNullOrEmpty(a.FieldManager))
            options["fieldManager"] = a.FieldManager;
        return options;
    }

    private static JsonObject UserInfo(string userName)
    {
        var groups = new JsonArray();
        const string serviceAccountPrefix = "system:serviceaccount:";
        if (userName.StartsWith(serviceAccountPrefix, StringComparison.Ordinal))
        {
            var ns = userName[serviceAccountPrefix.Length..].Split(':')[0];
            groups.Add("system:serviceaccounts");
            groups.Add($"system:serviceaccounts:{ns}");
        }

        groups.Add("system:authenticated");
        return new JsonObject { ["username"] = userName, ["groups"] = groups };
    }
}
