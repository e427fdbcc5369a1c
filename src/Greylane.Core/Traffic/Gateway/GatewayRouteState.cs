using System.Globalization;
using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>What a live HTTPRoute or GRPCRoute carries of a Deployment's release, in one line for <c>status</c>.</summary>
public static class GatewayRouteState
{
    /// <summary>
    /// "HTTPRoute mocka: lane rule greylane-mocka-base-1; canary weight 20%" for a route that carries the release of
    /// <paramref name="deployment"/> (its origin annotation names it, or a rule is named after it), else null.
    /// </summary>
    public static string? Describe(JsonObject route, string deployment)
    {
        ArgumentNullException.ThrowIfNull(route);
        var prefix = $"greylane-{deployment}-";
        var owner = OriginAnnotation.Owner(route);
        var rules = Json.Objects(route["spec"], "rules").ToList();
        var lanes = rules.Select(r => Json.String(r, "name")).OfType<string>().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (owner?.Deployment != deployment && lanes.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (lanes.Count > 0)
        {
            parts.Add($"lane rule{(lanes.Count == 1 ? "" : "s")} {string.Join(", ", lanes)}");
        }

        if (owner is not null)
        {
            var canary = owner.CanaryService ?? $"{owner.Service}-canary";
            var weights = rules.Where(r => !lanes.Contains(Json.String(r, "name") ?? ""))
                .Select(r => Json.Objects(r, "backendRefs").ToList())
                .Where(refs => refs.Any(b => Json.String(b, "name") == canary))
                .Select(refs =>
                {
                    var share = refs.Where(b => Json.String(b, "name") is { } n && (n == canary || n == owner.Service)).Sum(BackendRefs.Weight);
                    return share == 0 ? 0 : 100.0 * refs.Where(b => Json.String(b, "name") == canary).Sum(BackendRefs.Weight) / share;
                })
                .Distinct()
                .ToList();
            if (weights.Count > 0)
            {
                parts.Add($"canary weight {string.Join("/", weights.Select(w => Math.Round(w, 1).ToString(CultureInfo.InvariantCulture) + "%"))}");
            }
        }

        return $"{Json.String(route, "kind")} {Json.String(route["metadata"], "name")}: {(parts.Count == 0 ? "origin saved, routing original" : string.Join("; ", parts))}";
    }
}
