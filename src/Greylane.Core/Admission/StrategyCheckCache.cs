using System.Collections.Concurrent;
using Greylane.Core.Analysis;

namespace Greylane.Core.Admission;

/// <summary>
/// Memoizes <see cref="StrategyCheck"/> by the annotation texts: a check is a pure function of them, the same few
/// strategies arrive again and again (every write of a Deployment carries its own), and reading YAML is most of the
/// cost of a release decision. Bounded: when full it starts over, which only costs re-reading.
/// </summary>
internal static class StrategyCheckCache
{
    private const int Capacity = 512;
    private static readonly ConcurrentDictionary<(string? Inline, string? Reference, string Name, QueryTenancy Tenancy), StrategyCheck> Checks = new();

    public static StrategyCheck Of(DeploymentView deployment, QueryTenancy tenancy)
    {
        var key = (deployment.Annotation(GreylaneKeys.Strategy), deployment.Annotation(GreylaneKeys.StrategyRef), deployment.FullName, tenancy);
        if (Checks.TryGetValue(key, out var check))
        {
            return check;
        }

        if (Checks.Count >= Capacity)
        {
            Checks.Clear();
        }

        return Checks[key] = StrategyCheck.Of(deployment, tenancy);
    }
}
