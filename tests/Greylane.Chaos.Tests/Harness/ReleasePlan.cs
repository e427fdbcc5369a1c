using System.Globalization;
using System.Text;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// The release strategy of the scenarios, and what each step's routing must look like, computed from the strategy
/// itself (a lane step routes the lane header to the canary, a weight step gives the canary that weight), not from
/// the product's transforms.
/// </summary>
internal sealed record ReleasePlan(IReadOnlyList<PlanStep> Steps)
{
    public const string LaneHeader = "x-lane";

    /// <summary>A lane match step, a weight step, a final weight step at the full size; short timed pauses.</summary>
    public static ReleasePlan Default { get; } = new([
        new PlanStep(1, Lane: true, Weight: null, Pause: "500ms"),
        new PlanStep(1, Lane: false, Weight: 20, Pause: "500ms"),
        new PlanStep(2, Lane: false, Weight: 50, Pause: "500ms"),
    ]);

    public static TimeSpan GracePeriod { get; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The same plan with step <paramref name="step"/> waiting for a person's <c>promote</c> (or <c>abort</c>).</summary>
    public ReleasePlan WithManualPause(int step) =>
        new([.. Steps.Select((s, i) => i == step ? s with { Pause = "manual" } : s)]);

    /// <summary>The routing of step <paramref name="step"/>; before the first step, the original.</summary>
    public Traffic Expected(int step) =>
        step < 0 || step >= Steps.Count ? Traffic.Original : new Traffic(Steps[step].Lane, Steps[step].Weight ?? 0);

    /// <summary>A manual pause is a legitimate wait of any length: no stall.</summary>
    public bool WaitsForPerson(StatusWrite status) =>
        status.Phase == "StepPaused" && status.Step < Steps.Count && Steps[status.Step].Pause == "manual";

    /// <summary>The strategy annotation: subset mode, canary labels that keep the stable subset off canary pods, a 10m deadline so a stall shows as a stall.</summary>
    public string StrategyYaml()
    {
        var text = new StringBuilder();
        text.AppendLine("canaryLabels: {version: canary}");
        text.AppendLine("progressDeadline: 10m");
        text.AppendLine("traffic:");
        text.AppendLine("  service: web");
        text.AppendLine("  istio: {virtualServices: [web], destinationRule: web}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  gracePeriod: {GracePeriod.TotalMilliseconds}ms");
        text.AppendLine("steps:");
        foreach (var step in Steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - replicas: {step.Replicas}");
            if (step.Lane)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    matches: [{{headers: [{{name: {LaneHeader}, value: canary}}]}}]");
            }

            if (step.Weight is { } weight)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    weight: {weight}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"    pause: {step.Pause}");
        }

        return text.ToString();
    }
}
