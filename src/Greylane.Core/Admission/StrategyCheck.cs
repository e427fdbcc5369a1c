using Greylane.Core.Strategy;

namespace Greylane.Core.Admission;

/// <summary>Validates the strategy annotations of an opted-in Deployment and describes its plan for the release warning.</summary>
internal sealed record StrategyCheck(string? Error, string Plan, RolloutStrategy? Strategy = null)
{
    public static StrategyCheck Of(DeploymentView deployment)
    {
        var inline = deployment.Annotation(GreylaneKeys.Strategy);
        var reference = deployment.Annotation(GreylaneKeys.StrategyRef);
        if (!string.IsNullOrWhiteSpace(reference))
        {
            return WithReference(deployment, inline, reference);
        }

        var result = StrategyReader.Read(inline);
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
    private static StrategyCheck WithReference(DeploymentView deployment, string? inline, string reference)
    {
        var errors = StrategyReader.CheckPartial(inline);
        return errors.Count > 0 ? Invalid(deployment, errors) : new(null, $"strategy from ConfigMap {reference}");
    }

    private static StrategyCheck Invalid(DeploymentView deployment, IReadOnlyList<StrategyError> errors)
    {
        var problems = errors.Count == 0 ? "the strategy could not be read" : string.Join("; ", errors.Select(e => e.ToString()));
        return new($"{GreylaneKeys.Strategy} on {deployment.FullName} is invalid: {problems}", "");
    }
}
