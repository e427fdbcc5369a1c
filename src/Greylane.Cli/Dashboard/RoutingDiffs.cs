using System.Net;
using System.Text.Json.Nodes;
using Greylane.Cli.Plan;
using Greylane.Core.Serialization;
using Greylane.Core.Traffic;
using k8s;
using k8s.Autorest;

namespace Greylane.Cli.Dashboard;

/// <summary>
/// The routing objects a release changed, found by the <c>greylane.dev/origin</c> annotation whose owner is the
/// Deployment, each with its current spec diffed against the saved original. Kinds whose API is not installed are skipped;
/// one the user may not list is named, since RBAC decides what the page can show.
/// </summary>
internal static class RoutingDiffs
{
    private static readonly (string Group, string Version, string Plural, string Kind)[] Kinds =
    [
        ("networking.istio.io", "v1beta1", "virtualservices", "VirtualService"),
        ("networking.istio.io", "v1beta1", "destinationrules", "DestinationRule"),
        ("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute"),
        ("gateway.networking.k8s.io", "v1", "grpcroutes", "GRPCRoute"),
    ];

    public static async Task<JsonObject> ReadAsync(IKubernetes client, string ns, string deployment, CancellationToken ct)
    {
        var objects = new JsonArray();
        var problems = new JsonArray();
        foreach (var (group, version, plural, kind) in Kinds)
        {
            try
            {
                var list = JsonNode.Parse(KubernetesJson.Serialize(await client.CustomObjects.ListNamespacedCustomObjectAsync(group, version, ns, plural, cancellationToken: ct)));
                Add(objects, kind, list?["items"] as JsonArray, deployment);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The kind's API is not installed in this cluster.
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
            {
                problems.Add($"listing {kind}s in {ns} was refused ({(int)e.Response.StatusCode} {e.Response.StatusCode})");
            }
        }

        try
        {
            var services = JsonNode.Parse(KubernetesJson.Serialize(await client.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: ct)));
            Add(objects, "Service", services?["items"] as JsonArray, deployment);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            problems.Add($"listing Services in {ns} was refused ({(int)e.Response.StatusCode} {e.Response.StatusCode})");
        }

        return new JsonObject { ["objects"] = objects, ["problems"] = problems };
    }

    private static void Add(JsonArray into, string kind, JsonArray? items, string deployment)
    {
        foreach (var item in (items ?? []).OfType<JsonObject>())
        {
            if (OriginAnnotation.Owner(item) is not { } owner || owner.Deployment != deployment)
            {
                continue;
            }

            var name = item["metadata"]?["name"]?.GetValue<string>() ?? "?";
            string diff;
            try
            {
                var original = YamlJson.Write(OriginAnnotation.Read(item));
                var current = YamlJson.Write(item["spec"]);
                diff = UnifiedDiff.Of(original, current, $"{kind} {name} spec (origin)", $"{kind} {name} spec (now)");
            }
            catch (TrafficException e)
            {
                diff = e.Message;
            }

            into.Add(new JsonObject { ["kind"] = kind, ["name"] = name, ["diff"] = diff });
        }
    }
}
