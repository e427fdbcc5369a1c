using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>What one release steers: the Deployment, its Service and the labels that tell canary pods apart.</summary>
/// <param name="Namespace">The Deployment's namespace; every routing object must live here.</param>
/// <param name="Deployment">The Deployment's name (routes Greylane adds are named <c>greylane-&lt;deployment&gt;-&lt;n&gt;</c>).</param>
/// <param name="Service">The Service whose host the routes send to.</param>
/// <param name="CanaryLabels">The labels added to canary pods (overriding template labels of the same key).</param>
/// <param name="TemplateLabels">The pod template labels of the release (the canary pods carry them, overridden by <paramref name="CanaryLabels"/>).</param>
/// <param name="CanarySubset">The DestinationRule subset name for canary pods.</param>
/// <param name="Lane">An end-to-end lane: its header match comes first in every step that has matches.</param>
/// <param name="CanaryServiceName">The canary Service's name when the strategy sets one (<c>traffic.gatewayAPI.canaryService</c>).</param>
public sealed record TrafficTarget(
    string Namespace,
    string Deployment,
    string Service,
    IReadOnlyDictionary<string, string> CanaryLabels,
    IReadOnlyDictionary<string, string> TemplateLabels,
    string CanarySubset = "canary",
    LaneSpec? Lane = null,
    string? CanaryServiceName = null)
{
    /// <summary>The target of <paramref name="strategy"/> for a Deployment whose Service is <paramref name="service"/>.</summary>
    public static TrafficTarget From(
        RolloutStrategy strategy,
        string @namespace,
        string deployment,
        string service,
        IReadOnlyDictionary<string, string> templateLabels) =>
        new(@namespace, deployment, service, strategy.CanaryLabels, templateLabels, strategy.Traffic.Istio.CanarySubset, strategy.Traffic.Lane, strategy.Traffic.GatewayApi?.CanaryService);

    /// <summary>The prefix of every route name this release adds.</summary>
    public string RouteNamePrefix => $"greylane-{Deployment}-";

    /// <summary>The Service that selects only canary pods (host mode, Gateway API): <c>&lt;service&gt;-canary</c> unless named.</summary>
    public string CanaryService => CanaryServiceName ?? $"{Service}-canary";

    /// <summary>The labels every canary pod carries: template labels, overridden by canary labels.</summary>
    public IReadOnlyDictionary<string, string> CanaryPodLabels
    {
        get
        {
            var labels = new Dictionary<string, string>(TemplateLabels, StringComparer.Ordinal);
            foreach (var (key, value) in CanaryLabels)
            {
                labels[key] = value;
            }

            return labels;
        }
    }

    /// <summary>
    /// The labels of the canary subset: the canary labels the template does not carry (the canary's own mark, like the
    /// seed's <c>istio.service.tag: gray</c>); labels that only override a template label (the seed's <c>version: canary</c>)
    /// exist to keep stable subsets off canary pods. When every canary label overrides one, all of them are used.
    /// </summary>
    public IReadOnlyDictionary<string, string> CanarySubsetLabels
    {
        get
        {
            var added = CanaryLabels.Where(l => !TemplateLabels.ContainsKey(l.Key)).ToDictionary(StringComparer.Ordinal);
            return added.Count > 0 ? added : CanaryLabels.ToDictionary(StringComparer.Ordinal);
        }
    }
}
