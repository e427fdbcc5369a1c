using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>traffic</c>: the Service, its Istio objects or Gateway API routes, the grace period and the lane.</summary>
internal static class TrafficReader
{
    public static TrafficSpec Read(JsonNode? node, FieldReader fields)
    {
        var traffic = fields.Object(node, "traffic", StrategyFields.Traffic);
        if (traffic is null)
        {
            return TrafficSpec.None;
        }

        return new TrafficSpec(
            Reference(fields, traffic["service"], "traffic.service", "Service", KubernetesNames.ServiceNameProblem),
            ReadIstio(traffic["istio"], fields),
            fields.Duration(traffic["gracePeriod"], "traffic.gracePeriod", allowZero: true) ?? TrafficSpec.None.GracePeriod,
            LaneReader.Read(traffic["lane"], fields),
            GatewayApiReader.Read(traffic, fields));
    }

    /// <summary>A name of an object in the Deployment's namespace; anything else is an error.</summary>
    public static string? Reference(FieldReader fields, JsonNode? node, string path, string kind, Func<string, string?> nameProblem)
    {
        var name = fields.String(node, path);
        if (name is null)
        {
            return null;
        }

        var problem = name.Contains('/', StringComparison.Ordinal)
            ? $"{FieldReader.Show(name)} names another namespace; references never leave the Deployment's namespace: write only the name of a {kind} in the Deployment's namespace"
            : nameProblem(name) is { } reason ? $"{FieldReader.Show(name)} is not a valid {kind} name; {reason}" : null;
        if (problem is null)
        {
            return name;
        }

        fields.Add(path, problem);
        return null;
    }

    private static IstioSpec ReadIstio(JsonNode? node, FieldReader fields)
    {
        const string path = "traffic.istio";
        var istio = fields.Object(node, path, StrategyFields.Istio);
        if (istio is null)
        {
            return IstioSpec.Discover;
        }

        var names = new List<string>();
        var listPath = $"{path}.virtualServices";
        var list = fields.List(istio["virtualServices"], listPath, "VirtualService names");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var itemPath = StrategyPath.Index(listPath, i);
            if (Reference(fields, list![i], itemPath, "VirtualService", KubernetesNames.ObjectNameProblem) is not { } name)
            {
                if (list[i] is null)
                {
                    fields.Required(itemPath, "write a VirtualService name");
                }
            }
            else if (names.Contains(name))
            {
                fields.Add(itemPath, $"{FieldReader.Show(name)} is listed twice; list each VirtualService once");
            }
            else
            {
                names.Add(name);
            }
        }

        var destinationRule = Reference(fields, istio["destinationRule"], $"{path}.destinationRule", "DestinationRule", KubernetesNames.ObjectNameProblem);
        var subset = fields.String(istio["canarySubset"], $"{path}.canarySubset");
        if (subset is not null && KubernetesNames.LabelNameProblem(subset) is { } problem)
        {
            fields.Add($"{path}.canarySubset", $"{FieldReader.Show(subset)} is not a valid subset name; {problem}");
        }

        return new IstioSpec(names, destinationRule, subset ?? IstioSpec.Discover.CanarySubset);
    }
}
