using System.Text.Json.Nodes;
using Greylane.Core.Traffic.Gateway;
using k8s;
using k8s.Autorest;

namespace Greylane.Cli.Status;

/// <summary>The Gateway API routes of a Deployment's namespace that carry its release, one line each (see <see cref="GatewayRouteState"/>).</summary>
internal static class GatewayRoutesReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(IKubernetes client, string ns, string deployment, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var kind in GatewayKind.All)
        {
            try
            {
                var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(GatewayKind.Group, GatewayKind.Version, ns, kind.Plural, cancellationToken: ct);
                var items = JsonNode.Parse(KubernetesJson.Serialize(list))?["items"] as JsonArray ?? [];
                foreach (var route in items.OfType<JsonObject>())
                {
                    route["kind"] = kind.Kind;
                    if (GatewayRouteState.Describe(route, deployment) is { } line)
                    {
                        lines.Add(line);
                    }
                }
            }
            catch (HttpOperationException)
            {
                // Not served (no Gateway API CRDs) or not readable with the user's RBAC: status shows what it can read.
            }
        }

        return lines;
    }
}
