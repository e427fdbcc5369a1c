using Greylane.Core.Analysis;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using A = Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Core.Rollout.Tests;

/// <summary>
/// A tiny in-memory cluster for model tests: one Deployment, its canary ReplicaSets, routing and a metric
/// source. It runs the machine's actions the way the controller will, and checks what must never happen
/// to real objects (a canary deleted while routing still points at it, a canary of a stale release scaled).
/// </summary>
internal sealed class World(Random random, RolloutStrategy strategy, double passRate, double inconclusiveRate)
{
    private readonly Dictionary<string, CanaryObservation> _canaries = [];
    private readonly List<Measurement> _inbox = [];
    private int _releases = 1;

    public RolloutStrategy Strategy => strategy;
    public DateTimeOffset Now { get; set; } = Facts.T0;
    public string? Release { get; private set; } = "r1";
    public string? Stable { get; private set; } = Facts.StableHash;
    public string Template { get; private set; } = "r1";
    public bool Paused { get; private set; } = true;
    public bool Deleted { get; private set; }
    public int Replicas { get; private set; } = 4;
    public string? Command { get; set; }
    public int? RoutingStep { get; private set; }
    public bool RoutingChanged { get; private set; }
    public bool RolloutDone { get; private set; }
    public IReadOnlyDictionary<string, CanaryObservation> Canaries => _canaries;

    /// <summary>Passes delivered per step and metric, for the current attempt of the current release.</summary>
    public Dictionary<(int Step, string Metric), int> Passes { get; } = [];

    /// <summary>The status as the annotation holds it (written and read back through its JSON).</summary>
    public RolloutStatus Status { get; private set; } = RolloutStatus.Idle;

    public Observation Observe()
    {
        var status = Status;
        return new Observation
        {
            Release = Release,
            Stable = Stable,
            TemplateIsStable = Stable is not null && Template == Stable,
            DesiredReplicas = Replicas,
            Paused = Paused,
            Deleted = Deleted,
            Command = Command,
            Canaries = [.. _canaries.Values.OrderBy(c => c.Release, StringComparer.Ordinal)],
            RoutingApplied = RoutingStep == DesiredRouting(status.Step),
            RoutingRestored = RoutingStep is null,
            RolloutComplete = !Paused && RolloutDone,
            Measurements = [.. _inbox],
        };
    }

    /// <summary>Persists the status (through its JSON, as the annotation would), then runs the actions.</summary>
    public void Apply(Observation facts, Decision decision, string statusJson)
    {
        var before = Status;
        Status = RolloutStatusJson.Read(statusJson);
        if (decision.Status.Phase == RolloutPhase.Initializing && (before.Phase != RolloutPhase.Initializing || before.Release != decision.Status.Release))
        {
            Passes.Clear();
        }

        foreach (var measurement in facts.Measurements.Where(m => m.Verdict == MeasurementVerdict.Pass))
        {
            if (before.Phase is RolloutPhase.StepAnalyzing or RolloutPhase.StepPaused)
            {
                Passes[(before.Step, measurement.Metric)] = Passes.GetValueOrDefault((before.Step, measurement.Metric)) + 1;
            }
        }

        _inbox.Clear();
        foreach (var action in decision.Actions)
        {
            Run(action, decision.Status);
        }
    }

    private void Run(RolloutAction action, RolloutStatus status)
    {
        switch (action)
        {
            case A.ClearCommand:
                Command = null;
                break;
            case A.ScaleCanary scale:
                Assert.True(scale.Release == Release, $"scaled a canary of {scale.Release} while the release is {Release}");
                _canaries[scale.Release] = _canaries.TryGetValue(scale.Release, out var c)
                    ? c with { Replicas = scale.Replicas, AvailableReplicas = Math.Min(c.AvailableReplicas, scale.Replicas) }
                    : new CanaryObservation(scale.Release, scale.Replicas, 0);
                break;
            case A.ApplyRouting apply:
                Assert.True(_canaries.ContainsKey(status.Release!), "routing sent traffic to a canary that does not exist");
                RoutingStep = DesiredRouting(apply.Step);
                RoutingChanged |= RoutingStep is not null;
                break;
            case A.RestoreRouting:
                RoutingStep = null;
                break;
            case A.UnpinStable:
                break;
            case A.DeleteCanary delete:
                Assert.True(RoutingStep is null, $"deleted canary {delete.Release} while routing step {RoutingStep} may still send it traffic");
                _canaries.Remove(delete.Release);
                break;
            case A.Unpause:
                Paused = false;
                break;
            case A.Repause:
                Paused = true;
                break;
            case A.ClearRelease:
                Release = null;
                Stable = null;
                break;
            case A.Measure measure:
                foreach (var metric in measure.Metrics)
                {
                    var roll = random.NextDouble();
                    var verdict = roll < inconclusiveRate ? MeasurementVerdict.Inconclusive
                        : roll < inconclusiveRate + (1 - inconclusiveRate) * passRate ? MeasurementVerdict.Pass : MeasurementVerdict.Fail;
                    _inbox.Add(new Measurement(metric, verdict, verdict == MeasurementVerdict.Inconclusive ? null : roll, null, Now));
                }

                break;
        }
    }

    public void PodsBecomeAvailable()
    {
        foreach (var (release, canary) in _canaries.ToList())
        {
            _canaries[release] = canary with { AvailableReplicas = canary.Replicas };
        }

        if (!Paused)
        {
            RolloutDone = true;
        }
    }

    /// <summary>Canary pods go unready or are deleted (a node drained, a crash loop): some or all of them.</summary>
    public void LosePods()
    {
        foreach (var (release, canary) in _canaries.ToList())
        {
            _canaries[release] = canary with { AvailableReplicas = random.Next(0, Math.Max(1, canary.AvailableReplicas)) };
        }
    }

    /// <summary>Whether routing sends traffic to a canary of the current release that has no available pod.</summary>
    public bool RoutesToAnEmptyCanary =>
        RoutingStep is not null && (Release is null || !_canaries.TryGetValue(Release, out var canary) || canary.AvailableReplicas == 0);

    /// <summary>A person ships a newer template: the webhook holds it as a new release.</summary>
    public void ShipNewTemplate()
    {
        Stable = Release is null ? Template : Stable ?? Template;
        Release = $"r{++_releases}";
        Template = Release;
        Paused = true;
        RolloutDone = false;
    }

    /// <summary>A person reverts to the stable template.</summary>
    public void Revert()
    {
        if (Stable is not null)
        {
            Template = Stable;
        }
    }

    public void Scale(int replicas) => Replicas = replicas;

    public void Delete() => Deleted = true;

    private int? DesiredRouting(int step) =>
        strategy.Steps.Count > 0 && StepView.Of(strategy, step).ChangesRouting ? step : null;
}
