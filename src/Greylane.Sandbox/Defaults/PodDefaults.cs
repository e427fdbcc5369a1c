using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Defaults;

/// <summary>core/v1 PodSpec and Container defaults that show in a round trip (pkg/apis/core/v1/defaults.go).</summary>
internal static class PodDefaults
{
    public static void ApplyToTemplate(JsonObject template)
    {
        Defaulting.Child(template, "metadata");
        ApplyToSpec(Defaulting.Child(template, "spec"));
    }

    public static void ApplyToSpec(JsonObject spec)
    {
        Defaulting.Default(spec, "restartPolicy", "Always");
        Defaulting.Default(spec, "terminationGracePeriodSeconds", 30);
        Defaulting.Default(spec, "dnsPolicy", "ClusterFirst");
        Defaulting.Default(spec, "securityContext", new JsonObject());
        Defaulting.Default(spec, "schedulerName", "default-scheduler");
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (spec[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                ApplyToContainer(container);
            }
        }
    }

    private static void ApplyToContainer(JsonObject container)
    {
        var image = container["image"] is JsonValue v && v.TryGetValue(out string? text) ? text : "";
        Defaulting.Default(container, "imagePullPolicy", PullPolicyFor(image));
        Defaulting.Default(container, "terminationMessagePath", "/dev/termination-log");
        Defaulting.Default(container, "terminationMessagePolicy", "File");
        Defaulting.Default(container, "resources", new JsonObject());
        foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Defaulting.Default(port, "protocol", "TCP");
        }
    }

    // Always for ":latest" or an untagged image, IfNotPresent otherwise; a digest pins the image.
    private static string PullPolicyFor(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        return colon < 0 || lastSegment[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }
}
