using Greylane.Core.Strategy;
using Stateless.Graph;

namespace Greylane.Core.Rollout;

/// <summary>The pure decision of a release: from observed facts and the persisted status to a new status and actions.</summary>
public static class StepMachine
{
    /// <summary>
    /// Decides what to do next. Pure and deterministic: the same inputs give the same outputs. Persist
    /// <see cref="Decision.Status"/> first (with an optimistic-concurrency write), then run the actions in order.
    /// Synchronous: the machine's handlers do no I/O, so <c>FireAsync</c> completes at once.
    /// </summary>
    public static Decision Decide(Observation facts, RolloutStatus status, RolloutStrategy strategy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(strategy);
        // Stateless resumes internal transitions on the ambient SynchronizationContext (xunit and UI hosts have one);
        // without one every handler here is synchronous and FireAsync completes inline, so blocking cannot deadlock.
        var ambient = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return new Decider(facts, status, strategy, now).RunAsync().GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(ambient);
        }
    }

    /// <summary>Decides at the current time of <paramref name="time"/>.</summary>
    public static Decision Decide(Observation facts, RolloutStatus status, RolloutStrategy strategy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Decide(facts, status, strategy, time.GetUtcNow());
    }

    /// <summary>The machine as a Mermaid state diagram (every transition with its guard).</summary>
    public static string MermaidDiagram() =>
        MermaidGraph.Format(new Decider(new Observation(), RolloutStatus.Idle, RolloutStrategy.Default, DateTimeOffset.UnixEpoch).Info);
}
