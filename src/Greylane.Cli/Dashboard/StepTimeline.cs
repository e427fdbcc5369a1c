using System.Text.Json.Nodes;
using Greylane.Cli.Status;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;

namespace Greylane.Cli.Dashboard;

/// <summary>The strategy's steps as a timeline: each one done, current or to come, with its canary size, routing, pause and analysis.</summary>
internal static class StepTimeline
{
    public static JsonArray Of(RolloutStrategy strategy, ReleaseView view, int deploymentReplicas)
    {
        var steps = new JsonArray();
        for (var i = 0; i < strategy.Steps.Count; i++)
        {
            var step = strategy.Steps[i];
            steps.Add(new JsonObject
            {
                ["number"] = i + 1,
                ["state"] = State(i, view),
                ["replicas"] = step.Replicas.ToString(),
                ["pods"] = StrategyReader.ResolveReplicas(step, deploymentReplicas),
                ["matches"] = new JsonArray([.. MatchText.ForStep(step, strategy.Traffic.Lane).Select(m => (JsonNode?)m)]),
                ["weight"] = step.Weight,
                ["pause"] = step.Pause switch
                {
                    { IsManual: true } => "manual",
                    { Duration.Ticks: > 0 } => GoDuration.Format(step.Pause.Duration),
                    _ => null,
                },
                ["analysis"] = new JsonArray([.. step.Analysis.Select(a => (JsonNode?)a)]),
            });
        }

        return steps;
    }

    /// <summary>The metrics' definitions, for plotting their thresholds.</summary>
    public static JsonArray Metrics(RolloutStrategy strategy) =>
        [.. strategy.Analysis.Metrics.Select(m => (JsonNode?)new JsonObject
        {
            ["name"] = m.Name,
            ["min"] = m.Min,
            ["max"] = m.Max,
            ["count"] = m.Count,
            ["failureLimit"] = m.FailureLimit,
            ["inconclusiveLimit"] = m.InconclusiveLimit,
            ["interval"] = GoDuration.Format(m.Interval ?? strategy.Analysis.Interval),
        })];

    // Steps count done as `status` fills its bar (ReleaseView.StepsDone); the one after them is current while a release
    // runs, or the one the release was rolled back from.
    private static string State(int index, ReleaseView view)
    {
        if (index < view.StepsDone)
        {
            return "done";
        }

        if (index == view.Status.Step && view.Status.Phase is RolloutPhase.Aborting or RolloutPhase.RolledBack && view.Status.Release is not null)
        {
            return "rolled-back";
        }

        return index == view.Status.Step && view.Status.Phase.IsStep ? "current" : "todo";
    }
}
