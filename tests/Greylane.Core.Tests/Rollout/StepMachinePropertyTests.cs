using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using static Greylane.Core.Rollout.RolloutPhase;
using A = Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Core.Rollout.Tests;

/// <summary>
/// Random sequences of facts and commands against the simulated cluster (seeded, so a failure names its
/// seed and replays), checking the invariants of the step machine at every decision.
/// </summary>
public sealed class StepMachinePropertyTests
{
    private const int Sequences = 2000;
    private const int EventsPerSequence = 30;
    private const int SettleLimit = 60;

    private static readonly string[] Commands = ["promote", "promote-full", "abort", "pause", "resume", "retry", "nonsense"];

    private static readonly RolloutStrategy[] StrategiesToTry =
        [Strategies.Seed, Strategies.TwoMetrics, Strategies.Plain, RolloutStrategy.Default];

    [Fact]
    public void Invariants_hold_over_random_sequences_of_facts_and_commands()
    {
        for (var seed = 0; seed < Sequences; seed++)
        {
            Run(seed);
        }
    }

    private static void Run(int seed)
    {
        var random = new Random(seed);
        var strategy = StrategiesToTry[random.Next(StrategiesToTry.Length)];
        double[] passRates = [1.0, 0.9, 0.5, 0.05];
        var world = new World(random, strategy, passRates[random.Next(passRates.Length)], random.NextDouble() < 0.3 ? 0.5 : 0.02);
        var sequence = new Sequence(seed, world);

        for (var i = 0; i < EventsPerSequence && !world.Deleted; i++)
        {
            Perturb(random, world);
            sequence.Step();
        }

        // Settle: time passes, pods come up, nobody intervenes except to pass manual pauses.
        for (var i = 0; i < SettleLimit && world.Status.Phase is not (Completed or RolledBack or Idle); i++)
        {
            world.PodsBecomeAvailable();
            var status = world.Status;
            if (status.Phase == StepPaused && (status.Held || StepView.Of(strategy, status.Step).Pause.IsManual) || status.PausedByUser)
            {
                world.Command = status.PausedByUser ? "resume" : "promote";
            }

            var requeue = sequence.Step().Actions.OfType<A.RequeueAfter>().SingleOrDefault()?.Delay ?? TimeSpan.FromSeconds(1);
            world.Now += requeue > TimeSpan.Zero ? requeue : TimeSpan.FromMilliseconds(10);
        }

        var final = world.Status;
        if (!world.Deleted)
        {
            Assert.True(final.Phase is Completed or RolledBack, $"seed {seed}: did not settle, stuck in {final.Phase}: {final.Message}");
        }

        if (sequence.FailedRelease is { } failed && failed == final.Release)
        {
            Assert.True(final.Phase == RolledBack, $"seed {seed}: analysis failed beyond failureLimit, yet the release ended {final.Phase}");
        }
    }

    private static void Perturb(Random random, World world)
    {
        var roll = random.Next(100);
        switch (roll)
        {
            case < 30:
                world.Now += TimeSpan.FromSeconds(random.Next(1, 90));
                break;
            case < 55:
                world.PodsBecomeAvailable();
                break;
            case < 70:
                world.Command = Commands[random.Next(Commands.Length)];
                break;
            case < 74:
                world.ShipNewTemplate();
                break;
            case < 76:
                world.Revert();
                break;
            case < 78:
                world.Scale(random.Next(0, 10));
                break;
            case < 79:
                world.Delete();
                break;
            case < 82:
                world.Now += TimeSpan.FromMinutes(random.Next(5, 30));
                break;
            case < 86:
                world.LosePods();
                break;
            default:
                break;
        }
    }

    /// <summary>One sequence: decides, checks the invariants of each decision, applies it.</summary>
    private sealed class Sequence(int seed, World world)
    {
        private bool _promotedByCommand;

        public string? FailedRelease { get; private set; }

        public Decision Step()
        {
            var facts = world.Observe();
            var status = world.Status;
            var strategy = world.Strategy;
            var decision = StepMachine.Decide(facts, status, strategy, world.Now);
            var again = StepMachine.Decide(facts, status, strategy, world.Now);
            var shown = ActionText.Show(decision.Actions);
            var context = $"seed {seed}: {status.Phase} step {status.Step} -> {decision.Status.Phase} step {decision.Status.Step} [{string.Join(", ", shown)}]";

            // Decide is a function of its inputs, and the status survives its annotation unchanged.
            var json = RolloutStatusJson.Write(decision.Status);
            Assert.Equal(json, RolloutStatusJson.Write(again.Status));
            Assert.Equal(decision.Actions, again.Actions);
            Assert.Equal(json, RolloutStatusJson.Write(RolloutStatusJson.Read(json)));

            var emitted = decision.Actions.OfType<A.Emit>().Select(e => e.Reason).ToList();
            if (decision.Status.Release != status.Release || decision.Status.Phase == Initializing && status.Phase != Initializing)
            {
                _promotedByCommand = false;
            }

            _promotedByCommand |= emitted.Contains(nameof(RolloutTrigger.Promote)) || emitted.Contains(nameof(RolloutTrigger.PromoteFull));

            CheckPromotionNeedsPasses(facts, decision, status, context);
            CheckFailureRollsBack(facts, status, decision, emitted, context);
            CheckInconclusiveHolds(decision, emitted, context);
            CheckAbort(facts, status, decision, context);
            CheckSupersede(status, decision, context);
            CheckDeadline(status, decision, strategy, context);

            var empty = world.RoutesToAnEmptyCanary;
            world.Apply(facts, decision, json);

            // A canary seen without pods never keeps traffic past the decision that saw it.
            Assert.False(empty && world.RoutesToAnEmptyCanary && !facts.Deleted, $"{context}: routing still sends traffic to a canary with no available pod");
            return decision;
        }

        private void CheckPromotionNeedsPasses(Observation facts, Decision decision, RolloutStatus before, string context)
        {
            if (decision.Status.Phase != Promoting || before.Phase == Promoting || _promotedByCommand)
            {
                return;
            }

            for (var step = 0; step < world.Strategy.Steps.Count; step++)
            {
                foreach (var name in world.Strategy.Steps[step].Analysis)
                {
                    var needed = StepView.Metric(world.Strategy, name)!.Count;
                    var delivered = world.Passes.GetValueOrDefault((step, name))
                        + (before.Step == step ? facts.Measurements.Count(m => m.Metric == name && m.Verdict == Greylane.Core.Analysis.MeasurementVerdict.Pass) : 0);
                    Assert.True(delivered >= needed, $"{context}: promoted with {name} at {delivered}/{needed} passes in step {step + 1}");
                }
            }
        }

        private void CheckFailureRollsBack(Observation facts, RolloutStatus before, Decision decision, List<string> emitted, string context)
        {
            if (emitted.Contains(nameof(RolloutTrigger.Retry)))
            {
                FailedRelease = null;
            }

            if (emitted.Contains(nameof(RolloutTrigger.MeasurementFailed)))
            {
                Assert.Equal(Aborting, decision.Status.Phase);
                FailedRelease = decision.Status.Release;
            }

            var wasMeasuring = before.Phase == StepAnalyzing || (before.Phase == StepPaused && before.Held);
            var beyond = decision.Status.Metrics.Any(m => m.Failed > StepView.Metric(world.Strategy, m.Name)!.FailureLimit);
            if (wasMeasuring && beyond && !before.PausedByUser && !facts.Deleted && decision.Status.Release == before.Release && facts.Command is null)
            {
                Assert.True(decision.Status.Phase is Aborting or RolledBack, $"{context}: failures beyond failureLimit did not abort");
            }
        }

        private void CheckInconclusiveHolds(Decision decision, List<string> emitted, string context)
        {
            if (emitted.Contains(nameof(RolloutTrigger.MeasurementInconclusive)))
            {
                Assert.True(decision.Status.Phase == StepPaused && decision.Status.Held, $"{context}: inconclusive beyond the limit did not hold");
                Assert.Contains("held for a human", decision.Status.Message, StringComparison.Ordinal);
            }
        }

        private static void CheckAbort(Observation facts, RolloutStatus before, Decision decision, string context)
        {
            if (facts.Command != "abort" || facts.Deleted)
            {
                return;
            }

            // Issue 4: abort is accepted from every non-terminal state (a revert or deletion in the same decision wins the race).
            if (!before.Phase.IsAtRest && !facts.TemplateIsStable)
            {
                Assert.True(decision.Status.Phase is Aborting or RolledBack, $"{context}: abort not accepted in {before.Phase}");
            }

            if (before.Phase == Idle && facts.Release is null)
            {
                Assert.All(decision.Actions, a => Assert.True(a is A.ClearCommand or A.Emit, $"{context}: abort in Idle touched something"));
            }
        }

        private void CheckSupersede(RolloutStatus before, Decision decision, string context)
        {
            var stepPhase = decision.Status.Phase.IsStep;
            if (stepPhase)
            {
                Assert.True(
                    world.Canaries.Keys.All(r => r == decision.Status.Release),
                    $"{context}: a step of {decision.Status.Release} runs while an older canary exists");
            }

            if (stepPhase && before.Release != decision.Status.Release && world.Strategy != Strategies.Plain)
            {
                Assert.True(decision.Status.Step == 0, $"{context}: a new release did not start at step 1");
            }
        }

        private void CheckDeadline(RolloutStatus before, Decision decision, RolloutStrategy strategy, string context)
        {
            var after = decision.Status;
            Assert.All(decision.Actions.OfType<A.RequeueAfter>(), r => Assert.True(r.Delay > TimeSpan.Zero, $"{context}: requeue at once would spin"));
            if (Guards.IsBounded(after.Phase) && !after.PausedByUser)
            {
                var requeue = decision.Actions.OfType<A.RequeueAfter>().SingleOrDefault();
                Assert.True(requeue is not null && requeue.Delay <= strategy.ProgressDeadline, $"{context}: a bounded wait without a requeue within the deadline");
            }

            // Past its deadline a wait must end: another phase, or (in cleanup and promotion) a fresh warning and clock.
            var overdue = Guards.IsBounded(before.Phase) && !before.PausedByUser
                && world.Now >= Guards.DeadlineStart(before) + strategy.ProgressDeadline;
            if (overdue && !after.PausedByUser)
            {
                Assert.True(after.Phase != before.Phase || after.Since != before.Since, $"{context}: still waiting past the deadline");
            }
        }
    }
}
