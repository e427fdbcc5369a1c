using System.Text.Json.Nodes;
using Greylane.Cli.Status;
using Greylane.Core;
using Greylane.Core.Analysis;
using Greylane.Core.Serialization;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Cli.Plan;

/// <summary>
/// The routing objects of one Deployment found in the given files (named by the strategy, else found by host, as the
/// controller finds them), and each step's objects as <see cref="TrafficPlanner.Step"/> computes them, shown as diffs.
/// </summary>
internal sealed class PlanRouting
{
    private readonly ManifestSet set;
    private readonly TrafficTarget? target;
    private readonly TrafficObjects? objects;
    private readonly ReleasePods pods;
    private readonly string service;
    private readonly LaneSpec? lane;

    private PlanRouting(ManifestSet set, TrafficTarget? target, TrafficObjects? objects, ReleasePods pods, string service, string summary, IReadOnlyList<string> notes, LaneSpec? lane)
    {
        this.lane = lane;
        this.set = set;
        this.target = target;
        this.objects = objects;
        this.pods = pods;
        this.service = service;
        Summary = summary;
        Notes = notes;
    }

    public string Summary { get; }

    public IReadOnlyList<string> Notes { get; }

    public static PlanRouting Prepare(ManifestSet set, string ns, string deployment, RolloutStrategy strategy, JsonObject template, string release)
    {
        var notes = new List<string>();
        var templateLabels = (template["metadata"]?["labels"] as JsonObject ?? [])
            .Where(l => ManifestSet.Text(l.Value) is not null)
            .ToDictionary(l => l.Key, l => ManifestSet.Text(l.Value)!, StringComparer.Ordinal);
        var pods = new ReleasePods(release, DeploymentPlanner.StablePlaceholder, Owner.Deployment(deployment, "<uid>"));
        var service = strategy.Traffic.Service ?? DiscoverService(set, ns, templateLabels, notes);
        if (service is null)
        {
            return new PlanRouting(set, null, null, pods, "<service>", "no Service found for the pods; routing is not previewed (pass the Service's manifest with -f, or name it in traffic.service)", notes, strategy.Traffic.Lane);
        }

        var target = TrafficTarget.From(strategy, ns, deployment, service, templateLabels);
        var virtualServices = Named(set, "VirtualService", ns, strategy.Traffic.Istio.VirtualServices, "traffic.istio.virtualServices", notes)
            ?? [.. set.OfKind("VirtualService").Where(vs => set.NamespaceOf(vs) == ns && RoutingObjects.RoutesTo(vs, target))];
        var destinationRule = strategy.Traffic.Istio.DestinationRule is { } drName
            ? Named(set, "DestinationRule", ns, [drName], "traffic.istio.destinationRule", notes)?.FirstOrDefault()
            : set.OfKind("DestinationRule").FirstOrDefault(dr => RoutingObjects.IsDestinationRuleFor(dr, target));
        var serviceObject = set.Find("Service", ns, service);
        if (virtualServices.Count == 0)
        {
            return new PlanRouting(set, target, null, pods, service, $"Service {service}; no VirtualService routing to it in the given files, so routing is not previewed (pass it with -f)", notes, strategy.Traffic.Lane);
        }

        var objects = new TrafficObjects(virtualServices, destinationRule, serviceObject);
        if (strategy.Steps.Any(s => s.ChangesRouting))
        {
            notes.Add($"the diffs leave out annotation {GreylaneKeys.Origin}, where Greylane saves each object's original spec before its first change");
        }

        string mode;
        try
        {
            mode = RoutingObjects.Mode(virtualServices, target) == RoutingMode.Subset ? "subset mode" : "host mode";
        }
        catch (TrafficException e)
        {
            mode = e.Message;
        }

        var names = $"VirtualService {string.Join(", ", virtualServices.Select(ManifestSet.Name))}"
            + (destinationRule is null ? "" : $", DestinationRule {ManifestSet.Name(destinationRule)}");
        var laneText = strategy.Traffic.Lane is { } l ? $", lane {l.Header}={l.Value}" : "";
        return new PlanRouting(set, target, objects, pods, service, $"Service {service} ({mode}), {names}, grace period {GoDuration.Format(strategy.Traffic.GracePeriod)}{laneText}", notes, strategy.Traffic.Lane);
    }

    /// <summary>
    /// What the queries' variables stand for in this plan; the namespace and name come from the Deployment itself, so
    /// they (and tenancy scoping) are right also when routing is not previewed.
    /// </summary>
    public AnalysisContext Context(RolloutStrategy strategy, string ns, string deployment) =>
        new(ns, deployment, service, pods.Release, DeploymentPlanner.StablePlaceholder, strategy.CanaryLabels, strategy.Analysis.Interval);

    public void Step(int index, StepSpec step, PlanReport report)
    {
        if (!step.ChangesRouting)
        {
            report.Line("    routing: unchanged (the step has no matches or weight; the canary gets no traffic)");
            return;
        }

        report.Line($"    routing: {new RoutingView(MatchText.ForStep(step, lane), step.Weight)}");
        if (target is null || objects is null)
        {
            return;
        }

        var plan = TrafficPlanner.Step(objects, step, target, pods);
        foreach (var error in plan.Errors)
        {
            report.Line($"    refused: {error}");
            report.Errors.Add($"Deployment {target.Namespace}/{target.Deployment} step {index + 1}: {error}");
        }

        foreach (var note in plan.Notes)
        {
            report.Line($"    note: {note}");
        }

        foreach (var desired in plan.Prepare.Concat(plan.Routes))
        {
            var kind = ManifestSet.Text(desired["kind"]) ?? "";
            var name = ManifestSet.Name(desired);
            var original = set.Find(kind, target.Namespace, name);
            var label = $"{kind} {target.Namespace}/{name}";
            var diff = UnifiedDiff.Of(
                original is null ? "" : YamlJson.Write(original),
                YamlJson.Write(WithoutOrigin(desired)),
                original is null ? "/dev/null" : $"{label} (original)",
                $"{label} (step {index + 1})");
            report.Block(diff.Length == 0 ? $"{label}: unchanged" : diff, 4);
        }
    }

    // The saved original spec is bookkeeping: it would fill the diff with one long JSON line, so it is left out and the
    // preview says so once (see the plan notes in docs/notes/cli.md).
    private static JsonObject WithoutOrigin(JsonObject desired)
    {
        var copy = (JsonObject)desired.DeepClone();
        if (copy["metadata"]?["annotations"] is JsonObject annotations)
        {
            annotations.Remove(GreylaneKeys.Origin);
            if (annotations.Count == 0)
            {
                ((JsonObject)copy["metadata"]!).Remove("annotations");
            }
        }

        return copy;
    }

    private static List<JsonObject>? Named(ManifestSet set, string kind, string ns, IReadOnlyList<string> names, string field, List<string> notes)
    {
        if (names.Count == 0)
        {
            return null;
        }

        var found = new List<JsonObject>();
        foreach (var name in names)
        {
            if (set.Find(kind, ns, name) is { } obj)
            {
                found.Add(obj);
            }
            else
            {
                notes.Add($"{kind} {ns}/{name} (from {field}) is not in the given files; pass it with -f to preview it");
            }
        }

        return found;
    }

    private static string? DiscoverService(ManifestSet set, string ns, IReadOnlyDictionary<string, string> templateLabels, List<string> notes)
    {
        var matching = set.OfKind("Service")
            .Where(s => set.NamespaceOf(s) == ns && RoutingObjects.SelectsPods(s, templateLabels))
            .Select(ManifestSet.Name)
            .ToList();
        if (matching.Count > 1)
        {
            notes.Add($"several Services select the pods ({string.Join(", ", matching)}); name one in traffic.service");
            return null;
        }

        return matching.FirstOrDefault();
    }
}
