using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Cli.Status;
using Greylane.Core;
using Greylane.Core.Analysis;
using Greylane.Core.Release;
using Greylane.Core.Strategy;

namespace Greylane.Cli.Plan;

/// <summary>The plan of one Deployment: its strategy checked, then every step's canary size, pause, routing and queries.</summary>
internal static class DeploymentPlanner
{
    /// <summary>Stands in for the hash of the template being replaced, which only the cluster knows.</summary>
    public const string StablePlaceholder = "<stable>";

    public static void Plan(ManifestSet set, JsonObject deployment, PlanReport report, QueryTenancy tenancy)
    {
        var ns = set.NamespaceOf(deployment);
        var name = ManifestSet.Name(deployment);
        var annotations = deployment["metadata"]?["annotations"] as JsonObject;
        report.Line($"Deployment {ns}/{name}");
        if (!OptIn.IsEnabled(ManifestSet.Text(annotations?[GreylaneKeys.Enabled])))
        {
            report.Line($"  not opted in ({GreylaneKeys.Enabled} is not \"true\"): Greylane leaves its rollouts alone").Line();
            return;
        }

        var strategy = ReadStrategy(set, ns, name, annotations, report, new TenancyCheck(tenancy, ns, name));
        if (strategy is null)
        {
            report.Line();
            return;
        }

        var template = deployment["spec"]?["template"] as JsonObject ?? [];
        var release = TemplateHash.Compute(JsonSerializer.SerializeToElement(template));
        // Kubernetes defaults spec.replicas to 1; YAML numbers arrive as longs, so read the JSON text.
        var replicas = deployment["spec"]?["replicas"] is JsonValue r && int.TryParse(r.ToJsonString(), CultureInfo.InvariantCulture, out var count) ? count : 1;
        var routing = PlanRouting.Prepare(set, ns, name, strategy, template, release);
        report.Line($"  release {release} (hash of the pod template); stable {StablePlaceholder} (the template it replaces, known on the cluster)");
        report.Line($"  replicas {replicas}; canary labels {Labels(strategy.CanaryLabels)}; progress deadline {GoDuration.Format(strategy.ProgressDeadline)}");
        report.Line($"  traffic: {routing.Summary}");
        if (strategy.Analysis.Metrics.Count > 0)
        {
            report.Line(tenancy.Enabled
                ? $"  queries: kept in namespace {ns} (label {tenancy.Label}), as the controller sends them with --prometheus-tenancy on"
                : "  queries: sent as written, as the controller does with --prometheus-tenancy off");
        }

        foreach (var note in routing.Notes)
        {
            report.Line($"  note: {note}");
        }

        foreach (var refusal in routing.Refusals)
        {
            report.Line($"  refused: {refusal}");
            // The controller's messages about the Service already start with the Deployment.
            report.Errors.Add(refusal.StartsWith($"Deployment {ns}/{name}: ", StringComparison.Ordinal) ? refusal : $"Deployment {ns}/{name}: {refusal}");
        }

        for (var i = 0; i < strategy.Steps.Count; i++)
        {
            var step = strategy.Steps[i];
            report.Line().Line($"  Step {i + 1}/{strategy.Steps.Count}");
            var canary = StrategyReader.ResolveReplicas(step, replicas);
            report.Line($"    canary: {canary} pod{(canary == 1 ? "" : "s")} (replicas: {step.Replicas} of {replicas})");
            report.Line($"    pause: {Pause(step.Pause)}");
            routing.Step(i, step, report);
            var context = routing.Context(strategy, ns, name) with { CanonicalService = CanonicalNames.Service(template, name) };
            PlanAnalysis.Step(step, strategy, context, tenancy, report, $"Deployment {ns}/{name} step {i + 1}");
        }

        report.Line().Line("  Then promotion: the Deployment rolls out the new template itself, routing returns to the originals, the canary is deleted.").Line();
    }

    private static RolloutStrategy? ReadStrategy(ManifestSet set, string ns, string name, JsonObject? annotations, PlanReport report, TenancyCheck tenancy)
    {
        // plan sees only the given files: a ConfigMap missing there is refused as the controller refuses it, with a hint.
        var read = StrategySource.Read(
            ns,
            key => ManifestSet.Text(annotations?[key]),
            reference => ManifestSet.Text(set.Find("ConfigMap", ns, reference)?["data"]?[GreylaneKeys.StrategyConfigMapKey]),
            tenancy);
        if (!read.IsValid)
        {
            report.Line($"  strategy: invalid ({read.Errors.Count} problem{(read.Errors.Count == 1 ? "" : "s")})");
            report.Errors.AddRange(read.Errors.Select(e => $"Deployment {ns}/{name}: {e.Field}: {e.Message}"));
            if (read.Errors.Any(e => e.Field == GreylaneKeys.StrategyRef))
            {
                report.Line($"  note: plan reads the ConfigMap of {GreylaneKeys.StrategyRef} from the given files only; pass its manifest with -f");
            }

            return null;
        }

        report.Line($"  strategy: valid, {read.Strategy!.Steps.Count} step{(read.Strategy.Steps.Count == 1 ? "" : "s")}");
        return read.Strategy;
    }

    private static string Pause(PauseSpec pause) => pause switch
    {
        { IsManual: true } => "manual (waits for kubectl greylane promote)",
        { Duration.Ticks: > 0 } => GoDuration.Format(pause.Duration),
        _ => "none (moves on once the step's checks pass)",
    };

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", labels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key}={l.Value}")));
}
