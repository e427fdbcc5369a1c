using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Admission;

/// <summary>Validates the strategy annotations of an opted-in Deployment and describes its plan for the release warning.</summary>
internal sealed record StrategyCheck(string? Error, string Plan, RolloutStrategy? Strategy = null)
{
    /// <summary>The check of <paramref name="deployment"/>'s strategy, its queries judged against <paramref name="tenancy"/>.</summary>
    public static StrategyCheck Of(DeploymentView deployment, QueryTenancy tenancy)
    {
        var check = new TenancyCheck(tenancy, deployment.Namespace, deployment.Name);
        var inline = deployment.Annotation(GreylaneKeys.Strategy);
        if (StrategySource.Reference(deployment.Annotation(GreylaneKeys.StrategyRef)) is { } reference)
        {
            return WithReference(deployment, inline, reference, check);
        }

        var result = StrategyReader.Read(inline, tenancy: check);
        if (result.IsValid)
        {
            var steps = result.Strategy!.Steps.Count;
            return new(null, steps == 1 ? "1 step" : $"{steps} steps", result.Strategy);
        }

        return Invalid(deployment, result.Errors);
    }

    // The webhook makes no API calls, so it cannot read the referenced ConfigMap. The inline part is checked for
    // everything no shared strategy could fix (syntax, unknown fields, impossible values); what the ConfigMap may
    // still supply (steps' metrics, a lane header) is left to the controller, which validates the merged strategy.
    private static StrategyCheck WithReference(DeploymentView deployment, string? inline, string reference, TenancyCheck check)
    {
        var errors = StrategyReader.CheckPartial(inline, check);
        return errors.Count > 0 ? Invalid(deployment, errors) : new(null, $"strategy from ConfigMap {reference}");
    }

    private static StrategyCheck Invalid(DeploymentView deployment, IReadOnlyList<StrategyError> errors)
    {
        var problems = errors.Count == 0 ? "the strategy could not be read" : string.Join("; ", errors.Select(e => e.ToString()));
        return new($"{GreylaneKeys.Strategy} on {deployment.FullName} is invalid: {problems}", "");
    }
}
