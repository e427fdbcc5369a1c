using Greylane.Core.Serialization;
using Greylane.Core.Strategy;
using YamlDotNet.Core;

namespace Greylane.Core.Admission;

/// <summary>Validates the strategy annotations of an opted-in Deployment and describes its plan for the release warning.</summary>
internal sealed record StrategyCheck(string? Error, string Plan)
{
    public static StrategyCheck Of(DeploymentView deployment)
    {
        var inline = deployment.Annotation(GreylaneKeys.Strategy);
        var reference = deployment.Annotation(GreylaneKeys.StrategyRef);
        if (!string.IsNullOrWhiteSpace(reference))
        {
            return WithReference(inline, reference);
        }

        var result = StrategyReader.Read(inline);
        if (result.IsValid)
        {
            var steps = result.Strategy!.Steps.Count;
            return new(null, steps == 1 ? "1 step" : $"{steps} steps");
        }

        var problems = result.Errors.Count == 0
            ? "the strategy could not be read"
            : string.Join("; ", result.Errors.Select(e => e.ToString()));
        return new($"{GreylaneKeys.Strategy} on {deployment.FullName} is invalid: {problems}", "");
    }

    // The webhook makes no API calls, so it cannot read the referenced ConfigMap. An inline part may lean on the
    // shared one (steps there, an analysis name defined there), so only its syntax is checked here; the controller
    // validates the merged strategy and refuses to start a release on an invalid one.
    private static StrategyCheck WithReference(string? inline, string reference)
    {
        if (!string.IsNullOrWhiteSpace(inline))
        {
            try
            {
                if (YamlJson.Parse(inline) is not System.Text.Json.Nodes.JsonObject)
                {
                    return new($"{GreylaneKeys.Strategy}: expected a YAML or JSON mapping (e.g. 'steps: [...]') over ConfigMap {reference}", "");
                }
            }
            catch (YamlException e)
            {
                return new($"{GreylaneKeys.Strategy}: not valid YAML or JSON at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", "");
            }
        }

        return new(null, $"strategy from ConfigMap {reference}");
    }
}
