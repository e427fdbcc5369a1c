using System.Text.Json.Nodes;
using Greylane.Cli.Status;
using Greylane.Core;
using Greylane.Core.Analysis;
using Greylane.Core.Serialization;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Cli.Plan;

/// <summary>
/// The routing objects of one Deployment found in the given files by the controller's own rule
/// (<see cref="RoutingDiscovery"/>, <see cref="RoutingFamilies"/>, <see cref="GatewayDiscovery"/>), and each step's objects
/// as <see cref="TrafficPlanner.Step"/> or <see cref="GatewayPlanner.Step"/> computes them, shown as diffs.
/// </summary>
internal sealed class PlanRouting
{
    private readonly ManifestSet _set;
    private readonly TrafficTarget? _target;
    private readonly Func<StepSpec, TrafficPlan>? _planner;
    private readonly ReleasePods _pods;
    private readonly string _service;
    private readonly string? _noService;
    private readonly LaneSpec? _lane;

    private PlanRouting(
        ManifestSet set, TrafficTarget? target, Func<StepSpec, TrafficPlan>? planner, ReleasePods pods, string service, string? noService, string summary, IReadOnlyList<string> notes, IReadOnlyList<string> refusals, LaneSpec? lane)
    {
        _lane = lane;
        _set = set;
        _target = target;
        _planner = planner;
        _pods = pods;
        _service = service;
        _noService = noService;
        Summary = summary;
        Notes = notes;
        Refusals = refusals;
    }

    public string Summary { get; }

    public IReadOnlyList<string> Notes { get; }

    /// <summary>What routing discovery refuses, in the controller's words (see <see cref="RoutingDiscovery"/>).</summary>
    public IReadOnlyList<string> Refusals { get; }

    public static PlanRouting Prepare(ManifestSet set, string ns, string deployment, RolloutStrategy strategy, JsonObject template, string release)
    {
        var notes = new List<string>();
        var refusals = new List<string>();
        var templateLabels = (template["metadata"]?["labels"] as JsonObject ?? [])
            .Where(l => ManifestSet.Text(l.Value) is not null)
            .ToDictionary(l => l.Key, l => ManifestSet.Text(l.Value)!, StringComparer.Ordinal);
        var pods = new ReleasePods(release, DeploymentPlanner.StablePlaceholder, Owner.Deployment(deployment, "<uid>"));
        var found = RoutingDiscovery.Find(
            strategy, ns, deployment, templateLabels, InNamespace(set, "Service", ns), InNamespace(set, "VirtualService", ns), InNamespace(set, "DestinationRule", ns));
        Sort(found.Problems, strategy.SteersTraffic, refusals, notes);

        // {{service}} follows the same choice; a Service only missing from the files stays a placeholder.
        var serviceChoice = RoutingDiscovery.FindService(strategy, ns, deployment, templateLabels, InNamespace(set, "Service", ns));
        var noService = serviceChoice.Problem is { Kind: not RoutingProblemKind.Missing } refused ? refused.Message : null;
        if (found.Target is not { } target)
        {
            var summary = found.Problems.Any(p => p.Kind == RoutingProblemKind.Missing)
                ? "no Service found for the pods; routing is not previewed (pass the Service's manifest with -f, or name it in traffic.service)"
                : Refused(strategy);
            return new PlanRouting(set, null, null, pods, "<service>", noService, summary, notes, refusals, strategy.Traffic.Lane);
        }

        var service = target.Service;
        var (family, ambiguous) = RoutingFamilies.Choose(
            strategy, target, InNamespace(set, "VirtualService", ns), [.. InNamespace(set, GatewayKind.HttpRouteKind, ns), .. InNamespace(set, GatewayKind.GrpcRouteKind, ns)]);
        if (ambiguous is not null)
        {
            Sort([ambiguous], strategy.SteersTraffic, refusals, notes);
            return new PlanRouting(set, target, null, pods, service, noService, $"Service {service}; {Refused(strategy)}", notes, refusals, strategy.Traffic.Lane);
        }

        if (family == RoutingFamily.GatewayApi)
        {
            return PrepareGatewayApi(set, ns, deployment, strategy, templateLabels, pods, noService);
        }

        var virtualServices = found.Objects.VirtualServices;
        var destinationRule = found.Objects.DestinationRule;
        if (found.Problems.Any(p => p.Kind != RoutingProblemKind.Missing))
        {
            return new PlanRouting(set, target, null, pods, service, noService, $"Service {service}; {Refused(strategy)}", notes, refusals, strategy.Traffic.Lane);
        }

        if (virtualServices.Count == 0)
        {
            return new PlanRouting(set, target, null, pods, service, noService, $"Service {service}; no VirtualService routing to it in the given files, so routing is not previewed (pass it with -f)", notes, refusals, strategy.Traffic.Lane);
        }

        var objects = found.Objects;
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
        return new PlanRouting(set, target, step => TrafficPlanner.Step(objects, step, target, pods), pods, service, noService, $"Service {service} ({mode}), {names}, grace period {GoDuration.Format(strategy.Traffic.GracePeriod)}{laneText}", notes, refusals, strategy.Traffic.Lane);
    }

    // Gateway API routing: the routes found by the controller's rule (GatewayDiscovery), each step by GatewayPlanner.
    private static PlanRouting PrepareGatewayApi(
        ManifestSet set, string ns, string deployment, RolloutStrategy strategy, Dictionary<string, string> templateLabels, ReleasePods pods, string? noService)
    {
        var notes = new List<string>();
        var refusals = new List<string>();
        var found = GatewayDiscovery.Find(
            strategy, ns, deployment, templateLabels, InNamespace(set, "Service", ns), InNamespace(set, GatewayKind.HttpRouteKind, ns), InNamespace(set, GatewayKind.GrpcRouteKind, ns));
        Sort(found.Problems, strategy.SteersTraffic, refusals, notes);
        var target = found.Target!;
        var routes = found.Objects.Routes;
        if (routes.Count == 0)
        {
            return new PlanRouting(set, target, null, pods, target.Service, noService, $"Service {target.Service}; no HTTPRoute or GRPCRoute with a backendRef to it in the given files, so routing is not previewed (pass it with -f)", notes, refusals, strategy.Traffic.Lane);
        }

        if (strategy.Steps.Any(s => s.ChangesRouting))
        {
            notes.Add($"the diffs leave out annotation {GreylaneKeys.Origin}, where Greylane saves each object's original spec before its first change");
        }

        var names = string.Join(", ", routes.Select(r => $"{ManifestSet.Text(r["kind"])} {ManifestSet.Name(r)}"));
        var laneText = strategy.Traffic.Lane is { } l ? $", lane {l.Header}={l.Value}" : "";
        return new PlanRouting(
            set,
            target,
            step => GatewayPlanner.Step(found.Objects, step, target, pods),
            pods,
            target.Service,
            noService,
            $"Service {target.Service} (Gateway API, canary Service {target.CanaryService}), {names}, grace period {GoDuration.Format(strategy.Traffic.GracePeriod)}{laneText}",
            notes,
            refusals,
            strategy.Traffic.Lane);
    }

    /// <summary>
    /// What the queries' variables stand for in this plan; the namespace and name come from the Deployment itself, so
    /// they (and tenancy scoping) are right also when routing is not previewed.
    /// </summary>
    public AnalysisContext Context(RolloutStrategy strategy, string ns, string deployment) =>
        new(ns, deployment, _service, _pods.Release, DeploymentPlanner.StablePlaceholder, strategy.CanaryLabels, strategy.Analysis.Interval)
        {
            ServiceProblem = _noService,
        };

    public void Step(int index, StepSpec step, PlanReport report)
    {
        if (!step.ChangesRouting)
        {
            report.Line("    routing: unchanged (the step has no matches or weight; the canary gets no traffic)");
            return;
        }

        report.Line($"    routing: {new RoutingView(MatchText.ForStep(step, _lane), step.Weight)}");
        if (_target is null || _planner is null)
        {
            return;
        }

        var plan = _planner(step);
        foreach (var error in plan.Errors)
        {
            report.Line($"    refused: {error}");
            report.Errors.Add($"Deployment {_target.Namespace}/{_target.Deployment} step {index + 1}: {error}");
        }

        foreach (var note in plan.Notes)
        {
            report.Line($"    note: {note}");
        }

        foreach (var desired in plan.Prepare.Concat(plan.Routes))
        {
            var kind = ManifestSet.Text(desired["kind"]) ?? "";
            var name = ManifestSet.Name(desired);
            var original = _set.Find(kind, _target.Namespace, name);
            var label = $"{kind} {_target.Namespace}/{name}";
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

    private static List<JsonObject> InNamespace(ManifestSet set, string kind, string ns) => [.. set.OfKind(kind).Where(o => set.NamespaceOf(o) == ns)];

    // What the controller refuses, plan refuses (when the strategy makes the controller read routing at all); what is only
    // missing from the given files may be on the cluster, so it is a note.
    private static void Sort(IReadOnlyList<RoutingProblem> problems, bool steers, List<string> refusals, List<string> notes)
    {
        foreach (var problem in problems)
        {
            if (problem.Kind == RoutingProblemKind.Missing)
            {
                notes.Add($"{problem.Message} (plan sees only the given files: if it is on the cluster, pass its manifest with -f to preview it)");
            }
            else if (steers)
            {
                refusals.Add(problem.Message);
            }
            else
            {
                notes.Add($"{problem.Message} (no step changes routing, so the controller does not refuse it)");
            }
        }
    }

    private static string Refused(RolloutStrategy strategy) => strategy.SteersTraffic
        ? "routing refused as the controller refuses it (see the errors), so it is not previewed"
        : "routing is not previewed";
}
