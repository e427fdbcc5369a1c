using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Admission;

/// <summary>
/// Memoizes <see cref="StrategyCheck"/> by the annotation texts: a check is a pure function of them, the same few
/// strategies arrive again and again (every write of a Deployment carries its own), and reading YAML is most of the
/// cost of a release decision. Bounded (<see cref="BoundedMemo{TKey, TValue}"/>), and a text longer than
/// <see cref="StrategyText.LongestRemembered"/> is checked every time.
/// </summary>
internal static class StrategyCheckCache
{
    private static readonly BoundedMemo<(string? Inline, string? Reference, string Name, QueryTenancy Tenancy), StrategyCheck> Checks = new(512);

    public static StrategyCheck Of(DeploymentView deployment, QueryTenancy tenancy)
    {
        var inline = deployment.Annotation(GreylaneKeys.Strategy);
        return StrategyText.Remembered(inline)
            ? Checks.Get(
                (inline, deployment.Annotation(GreylaneKeys.StrategyRef), deployment.FullName, tenancy),
                static (key, deployment) => StrategyCheck.Of(deployment, key.Tenancy),
                deployment)
            : StrategyCheck.Of(deployment, tenancy);
    }
}
