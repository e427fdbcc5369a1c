using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>traffic.gatewayAPI</c> and refuses what Gateway API routing cannot do (Istio objects beside it, a dyed lane).</summary>
internal static class GatewayApiReader
{
    private const string Path = "traffic.gatewayAPI";

    public static GatewayApiSpec? Read(JsonObject traffic, FieldReader fields)
    {
        if (traffic["gatewayAPI"] is null)
        {
            return null;
        }

        var gateway = fields.Object(traffic["gatewayAPI"], Path, StrategyFields.GatewayApi);
        if (gateway is null)
        {
            return null;
        }

        if (traffic["istio"] is not null)
        {
            fields.Add(Path, "a Deployment routes through Istio or through the Gateway API, never both; remove traffic.istio or traffic.gatewayAPI");
        }

        if (traffic["lane"]?["dye"] is not null)
        {
            fields.Add("traffic.lane.dye", "dyeing the lane at the gateway is Istio-only (an EnvoyFilter); with traffic.gatewayAPI let the client or the gateway's own request-header filter set the lane header, and remove dye");
        }

        var canary = TrafficReader.Reference(fields, gateway["canaryService"], $"{Path}.canaryService", "Service", KubernetesNames.ServiceNameProblem);
        return new GatewayApiSpec(Names(gateway["httpRoutes"], $"{Path}.httpRoutes", "HTTPRoute", fields), Names(gateway["grpcRoutes"], $"{Path}.grpcRoutes", "GRPCRoute", fields), canary);
    }

    private static List<string> Names(JsonNode? node, string listPath, string kind, FieldReader fields)
    {
        var names = new List<string>();
        var list = fields.List(node, listPath, $"{kind} names");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var itemPath = StrategyPath.Index(listPath, i);
            if (TrafficReader.Reference(fields, list![i], itemPath, kind, KubernetesNames.ObjectNameProblem) is not { } name)
            {
                if (list[i] is null)
                {
                    fields.Required(itemPath, $"write an {kind} name");
                }
            }
            else if (names.Contains(name))
            {
                fields.Add(itemPath, $"{FieldReader.Show(name)} is listed twice; list each {kind} once");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }
}
